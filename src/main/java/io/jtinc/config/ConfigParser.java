package io.jtinc.config;

import io.jtinc.log.Log;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The line syntax of tinc 1.0 config files and -o options (spec §11.2, conf.c:read_config_file and
 * parse_config_line). Syntax only: values are checked by {@link Variables}.
 */
final class ConfigParser {
    private ConfigParser() {
    }

    /** A parsed -o option: host is null for a server option. */
    record Option(String host, ConfigEntry entry) {
    }

    static List<ConfigEntry> parseFile(Path file) throws ConfigException {
        byte[] bytes;
        try {
            bytes = java.nio.file.Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file, 0, "cannot open config file: no such file");
        } catch (IOException e) {
            throw new ConfigException(file, 0, "cannot read config file: " + e.getMessage());
        }
        return parseText(new String(bytes, StandardCharsets.UTF_8), file.toString());
    }

    static List<ConfigEntry> parseText(String text, String fileName) throws ConfigException {
        List<ConfigEntry> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        boolean inPem = false;
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = stripTrailing(lines[i]);
            if (inPem) {
                // Everything up to a line starting with -----END is a PEM key body inside a host file.
                if (line.startsWith("-----END")) {
                    inPem = false;
                }
                continue;
            }
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue; // '#' is a comment only in column 1; there are no inline comments in tinc
            }
            if (line.startsWith("-----BEGIN")) {
                inPem = true;
                continue;
            }
            ConfigEntry e = parseLine(line, fileName, lineNo);
            if (e.variable().isEmpty()) {
                // tincd stores this under an empty variable name, so the line silently has no effect; say so.
                Log.warning(fileName + " line " + lineNo + ": line starts with whitespace and is ignored"
                        + " (tincd does the same); write Variable = Value from column 1");
                continue;
            }
            if (e.value().isEmpty()) {
                throw new ConfigException(fileName, lineNo,
                        e.variable() + " has no value; expected " + e.variable() + " = VALUE");
            }
            out.add(e);
        }
        return out;
    }

    /**
     * Parses {@code [HOST.]VAR=VALUE} from -o. tincd applies the same line syntax, so {@code "Port 655"} also works.
     * @param index 1-based position among the -o options; tincd uses it as the "line number" for precedence
     */
    static Option parseOption(String option, int index) throws ConfigException {
        String expected = "; expected -o [HOST.]VARIABLE=VALUE";
        String line = stripTrailing(option == null ? "" : option);
        ConfigEntry raw = parseLine(line, ConfigEntry.COMMAND_LINE, index);
        if (raw.variable().isEmpty()) {
            throw new ConfigException(ConfigEntry.COMMAND_LINE, 0, "-o '" + option + "' has no variable name" + expected);
        }
        if (raw.value().isEmpty()) {
            throw new ConfigException(ConfigEntry.COMMAND_LINE, 0, "-o '" + option + "' has no value" + expected);
        }
        String var = raw.variable();
        String host = null;
        int dot = var.indexOf('.');
        if (dot >= 0) {
            host = var.substring(0, dot);
            var = var.substring(dot + 1);
            // tincd 1.0.36 accepts any HOST here and the option then silently applies to nobody; we refuse it.
            if (!NodeNames.isValid(host)) {
                throw new ConfigException(ConfigEntry.COMMAND_LINE, 0, "-o '" + option + "': " + host
                        + " is not a valid node name; expected -o HOST.VARIABLE=VALUE with HOST made of A-Z, a-z, 0-9 and _");
            }
            if (var.isEmpty()) {
                throw new ConfigException(ConfigEntry.COMMAND_LINE, 0, "-o '" + option + "' has no variable name" + expected);
            }
        }
        return new Option(host, new ConfigEntry(var, raw.value(), ConfigEntry.COMMAND_LINE, index));
    }

    /** Variable = characters up to a tab, space or '='; then blanks, an optional '=', blanks; the rest is the value. */
    private static ConfigEntry parseLine(String line, String file, int lineNo) {
        int i = 0;
        int n = line.length();
        while (i < n && !isSep(line.charAt(i))) {
            i++;
        }
        String variable = line.substring(0, i);
        while (i < n && isBlank(line.charAt(i))) {
            i++;
        }
        if (i < n && line.charAt(i) == '=') {
            i++;
            while (i < n && isBlank(line.charAt(i))) {
                i++;
            }
        }
        return new ConfigEntry(variable, line.substring(i), file, lineNo);
    }

    /** tincd strips "\t\r\n " from the end, which is also what makes CRLF files work. */
    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && (isBlank(s.charAt(end - 1)) || s.charAt(end - 1) == '\r' || s.charAt(end - 1) == '\n')) {
            end--;
        }
        return s.substring(0, end);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isSep(char c) {
        return isBlank(c) || c == '=';
    }
}
