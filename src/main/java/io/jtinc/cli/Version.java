package io.jtinc.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The build's version, from a resource Maven filters at build time. */
public final class Version {
    private Version() {
    }

    public static String get() {
        try (InputStream in = Version.class.getResourceAsStream("/io/jtinc/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** What --version prints for both programs. */
    public static String banner(String program) {
        return program + " " + get() + " (tinc 1.0.36 compatible, protocol 17)\n"
                + "A userspace tinc 1.0 VPN daemon in Java; see README.md.";
    }
}
