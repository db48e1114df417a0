package io.jtinc.config;

import io.jtinc.config.Var.BadValue;
import io.jtinc.config.Var.Parser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Value parsers for the variable table. Where tincd 1.0.36 would silently misread a value we refuse it instead:
 * tincd reads integers with sscanf("%d"), so "60s" is 60 and "abc" logs an error and keeps the default, which
 * hides typos; an inline "# comment" after a number is the common case and gets a hint.
 */
final class Values {
    private Values() {
    }

    static Parser<String> string() {
        return v -> v;
    }

    static Parser<Boolean> bool() {
        return v -> {
            // tincd accepts yes/no in any case and nothing else ("true" is an error there too)
            if (v.equalsIgnoreCase("yes")) {
                return true;
            }
            if (v.equalsIgnoreCase("no")) {
                return false;
            }
            throw new BadValue("yes or no");
        };
    }

    static Parser<Integer> integer(int min, int max, String expected) {
        return v -> {
            Optional<Integer> n = decimal(v);
            if (n.isEmpty()) {
                String hint = v.contains("#") ? " (tinc has no inline comments)" : "";
                throw new BadValue("is not a whole number" + hint, expected);
            }
            if (n.get() < min || n.get() > max) {
                throw new BadValue("is out of range", expected);
            }
            return n.get();
        };
    }

    static Optional<Integer> decimal(String v) {
        String digits = v.startsWith("-") || v.startsWith("+") ? v.substring(1) : v;
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(v.startsWith("+") ? digits : v));
    }

    /** Case-insensitive keywords (tincd compares with strcasecmp). */
    static <T> Parser<T> choice(String expected, Object... wordsAndValues) {
        Map<String, T> map = new LinkedHashMap<>();
        for (int i = 0; i < wordsAndValues.length; i += 2) {
            @SuppressWarnings("unchecked")
            T value = (T) wordsAndValues[i + 1];
            map.put(((String) wordsAndValues[i]).toLowerCase(Locale.ROOT), value);
        }
        return v -> {
            T t = map.get(v.toLowerCase(Locale.ROOT));
            if (t == null) {
                throw new BadValue(expected);
            }
            return t;
        };
    }

    static Parser<String> nodeName() {
        return v -> {
            if (!NodeNames.isValid(v)) {
                throw new BadValue("is not a valid node name", "letters, digits and _ only (tinc 1.0 refuses - and .)");
            }
            return v;
        };
    }

    static Parser<String> hex() {
        return v -> {
            if (!v.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128)) {
                throw new BadValue("is not hexadecimal", "hexadecimal digits only");
            }
            return v;
        };
    }

    static Parser<SubnetSpec> subnet() {
        return v -> {
            try {
                return SubnetSpec.parse(v);
            } catch (SubnetSpec.FormatException e) {
                throw new BadValue("is not valid: " + e.getMessage(),
                        "a MAC (02:00:00:00:00:01), IPv4 (10.1.2.0/24) or IPv6 (2001:db8::/64) network address,"
                                + " optionally followed by #weight");
            }
        };
    }

    /** Linux interface names are at most 15 bytes (IFNAMSIZ - 1); tincd would silently truncate a longer one. */
    static Parser<String> interfaceName() {
        return v -> {
            if (v.length() > 15) {
                throw new BadValue("is longer than 15 characters", "a Linux interface name of at most 15 characters");
            }
            if (v.contains("/") || v.contains(" ") || v.contains("\t") || v.equals(".") || v.equals("..")) {
                throw new BadValue("a Linux interface name without '/' or blanks");
            }
            return v;
        };
    }

    /** Port: a number, or a service name that tincd would resolve with getaddrinfo (from /etc/services). */
    static Parser<String> port() {
        String expected = "a port number 0-65535 or a service name from /etc/services";
        return v -> {
            Optional<Integer> n = decimal(v);
            if (n.isPresent()) {
                if (n.get() < 0 || n.get() > 65535 || v.startsWith("+") || v.startsWith("-")) {
                    throw new BadValue("is out of range", expected);
                }
                return v;
            }
            if (serviceName(v, Path.of("/etc/services")).isEmpty()) {
                throw new BadValue("is not a number or a known service name", expected);
            }
            return v;
        };
    }

    /** Looks a service name up in an /etc/services style file (tcp entries, names and aliases). */
    static Optional<Integer> serviceName(String name, Path services) {
        try {
            for (String line : Files.readAllLines(services)) {
                int hash = line.indexOf('#');
                String[] w = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
                if (w.length < 2 || !w[1].endsWith("/tcp")) {
                    continue;
                }
                for (int i = 0; i < w.length; i++) {
                    if (i != 1 && w[i].equals(name)) {
                        return decimal(w[1].substring(0, w[1].indexOf('/')));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Proxy = TYPE ARGS as proxy.c accepts them; the value is kept as text for the net package. */
    static Parser<String> proxy() {
        String expected = "socks4 HOST PORT [USER], socks4a HOST PORT [USER], socks5 HOST PORT [USER PASS],"
                + " http HOST PORT, exec COMMAND or none";
        return v -> {
            String[] w = v.trim().split("[ \t]+");
            String type = w[0].toLowerCase(Locale.ROOT);
            int args = w.length - 1;
            boolean ok = switch (type) {
                case "none" -> args == 0;
                case "socks4", "socks4a" -> args == 2 || args == 3;
                case "socks5" -> args == 2 || args == 4;
                case "http" -> args == 2;
                case "exec" -> args >= 1;
                default -> false;
            };
            if (!ok) {
                throw new BadValue(expected);
            }
            return v;
        };
    }

    static Parser<HostAddress> hostAddress() {
        return v -> {
            if (v.trim().split("[ \t]+").length > 2) {
                throw new BadValue("HOST [PORT]");
            }
            return HostAddress.parse(v);
        };
    }

    /**
     * A literal IP address and a port, "127.0.0.1:9180" or "[::1]:9180": where a local HTTP endpoint listens. No
     * name lookup, so the daemon never blocks on DNS to start it.
     */
    static Parser<java.net.InetSocketAddress> listenAddress() {
        return v -> {
            String expected = "ADDRESS:PORT, e.g. 127.0.0.1:9180 or [::1]:9180";
            int colon = v.lastIndexOf(':');
            if (colon <= 0) {
                throw new BadValue("has no port", expected);
            }
            String host = v.substring(0, colon);
            boolean bracketed = host.startsWith("[") && host.endsWith("]");
            byte[] ip = bracketed ? IpText.ipv6(host.substring(1, host.length() - 1), true) : IpText.ipv4(host, false);
            Optional<Integer> port = decimal(v.substring(colon + 1));
            if (ip == null || port.isEmpty() || port.get() < 1 || port.get() > 65535) {
                throw new BadValue("is not a literal address and port", expected);
            }
            try {
                return new java.net.InetSocketAddress(java.net.InetAddress.getByAddress(ip), port.get());
            } catch (java.net.UnknownHostException e) {
                throw new BadValue("is not a literal address and port", expected);
            }
        };
    }

    static Parser<BindAddress> bindAddress() {
        return v -> {
            if (v.trim().split("[ \t]+").length > 2) {
                throw new BadValue("ADDRESS [PORT], or * [PORT] for any address");
            }
            return BindAddress.parse(v);
        };
    }

    static Parser<Path> path() {
        return v -> {
            try {
                return Path.of(v);
            } catch (RuntimeException e) {
                throw new BadValue("a file path");
            }
        };
    }
}
