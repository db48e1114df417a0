package io.jtinc.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * tinc's Port values are a number or a service name (getaddrinfo resolves "tinc" to 655 through /etc/services).
 * The config layer already refused anything else, so this only maps names to numbers.
 */
public final class Ports {
    private static final Path SERVICES = Path.of("/etc/services");

    private Ports() {
    }

    public static int resolve(String port) {
        if (port.chars().allMatch(Character::isDigit) && !port.isEmpty()) {
            return Integer.parseInt(port);
        }
        return lookupService(port).orElseThrow(() -> new IllegalArgumentException("unknown service " + port));
    }

    static OptionalInt lookupService(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        try {
            for (String line : Files.readAllLines(SERVICES)) {
                String[] f = line.replaceAll("#.*", "").trim().split("\\s+");
                if (f.length < 2 || !f[1].matches("\\d+/(tcp|udp)")) {
                    continue;
                }
                for (int i = 0; i < f.length; i++) {
                    if (i != 1 && f[i].toLowerCase(Locale.ROOT).equals(wanted)) {
                        return OptionalInt.of(Integer.parseInt(f[1].substring(0, f[1].indexOf('/'))));
                    }
                }
            }
        } catch (IOException e) {
            return OptionalInt.empty();
        }
        return OptionalInt.empty();
    }
}
