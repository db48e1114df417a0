package io.jtinc.config;

import java.util.Optional;

/** A {@code BindToAddress = ADDR [PORT]} line; ADDR "*" means any address (host is then empty). */
public record BindAddress(Optional<String> host, Optional<String> port) {
    static BindAddress parse(String value) {
        String[] w = value.trim().split("[ \t]+");
        Optional<String> h = w[0].equals("*") ? Optional.empty() : Optional.of(w[0]);
        return new BindAddress(h, w.length > 1 ? Optional.of(w[1]) : Optional.empty());
    }
}
