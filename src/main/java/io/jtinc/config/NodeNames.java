package io.jtinc.config;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Node name rules (protocol.c:check_id) and the $VAR expansion of Name (net_setup.c:get_name). */
public final class NodeNames {
    /** gethostname() result is cut to 31 characters by tincd's 32-byte buffer. */
    static final int HOSTNAME_MAX = 31;

    private NodeNames() {
    }

    /** [A-Za-z0-9_]+ : the only names tinc 1.0 accepts anywhere (Name, ConnectTo, IDs on the wire). */
    public static boolean isValid(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * Expands {@code $VAR}: the environment variable's value, or for $HOST without such a variable the host name;
     * then every non-alphanumeric character becomes '_' (so "my-pi.lan" gives "my_pi_lan").
     * @return the expanded name, or null when the variable does not exist
     */
    static String expand(String value, Map<String, String> env) {
        if (!value.startsWith("$")) {
            return value;
        }
        String var = value.substring(1);
        String raw = env.get(var);
        if (raw == null && var.equals("HOST")) {
            raw = hostname();
            if (raw.length() > HOSTNAME_MAX) {
                raw = raw.substring(0, HOSTNAME_MAX);
            }
        }
        if (raw == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            sb.append(c < 128 && Character.isLetterOrDigit(c) ? c : '_');
        }
        return sb.toString();
    }

    static String hostname() {
        try {
            // The kernel's name is what gethostname() returns; InetAddress may do a DNS lookup instead.
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException | RuntimeException e) {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException e2) {
                return "localhost";
            }
        }
    }
}
