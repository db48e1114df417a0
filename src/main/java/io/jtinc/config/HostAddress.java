package io.jtinc.config;

import java.util.Optional;

/** An {@code Address = HOST [PORT]} line; without a port the peer's Port (default 655) applies. */
public record HostAddress(String host, Optional<String> port) {
    static HostAddress parse(String value) {
        String[] w = value.trim().split("[ \t]+");
        return new HostAddress(w[0], w.length > 1 ? Optional.of(w[1]) : Optional.empty());
    }

    @Override
    public String toString() {
        return port.map(p -> host + " " + p).orElse(host);
    }
}
