package io.jtinc.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;

/** The tincd-made key files under src/test/resources/keys (see the README there) and a cheap test key. */
final class Fixtures {
    private static KeyPair small;

    private Fixtures() {
    }

    static Path key(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/keys/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(Path p) {
        try {
            return Files.readString(p, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One 1024-bit pair per test JVM: tests that only need "some key" should not each pay for generation. */
    static synchronized KeyPair smallPair() {
        if (small == null) {
            try {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(1024);
                small = g.generateKeyPair();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return small;
    }
}
