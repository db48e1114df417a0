package io.jtinc.invite;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The encrypted payloads and the invitation files: "Key = value" lines, as in tinc's own files. */
final class KeyValues {
    static final int MAX_ENTRIES = 64;

    private KeyValues() {
    }

    static String format(Map<String, String> values) {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
        return sb.toString();
    }

    static byte[] bytes(Map<String, String> values) {
        return format(values).getBytes(StandardCharsets.UTF_8);
    }

    /** Lines without '=' and '#' comments are skipped; null when there are too many entries. */
    static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String l = line.trim();
            int eq = l.indexOf('=');
            if (l.isEmpty() || l.startsWith("#") || eq <= 0) {
                continue;
            }
            out.put(l.substring(0, eq).trim(), l.substring(eq + 1).trim());
            if (out.size() > MAX_ENTRIES) {
                return null;
            }
        }
        return out;
    }

    static Map<String, String> parse(byte[] bytes) {
        return parse(new String(bytes, StandardCharsets.UTF_8));
    }
}
