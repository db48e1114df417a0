package io.jtinc.crypto;

import java.nio.file.Path;

/** Runs generateAndWrite in a child JVM, so a test can choose the umask it runs under (a JVM cannot set it). */
public final class KeyGenProbe {
    private KeyGenProbe() {
    }

    public static void main(String[] args) throws Exception {
        KeyGenerator.generateAndWrite(Integer.parseInt(args[0]), Path.of(args[1]), Path.of(args[2]), System.out);
    }
}
