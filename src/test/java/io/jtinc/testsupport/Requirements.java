package io.jtinc.testsupport;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Preconditions of the netns and interop tiers. On a developer machine an unmet precondition skips the test
 * with its reason. In CI (the CI variable is set, as .ci/run runs) it fails the test instead: a green CI run
 * that skipped the real tests would prove nothing.
 */
public final class Requirements {
    private Requirements() {
    }

    public static boolean inCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isEmpty() && !ci.equalsIgnoreCase("false");
    }

    public static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (Exception e) {
            return false;
        }
    }

    /** Root, /dev/net/tun and the ip tool: what every netns test needs. */
    public static void requireNetns() {
        require(isRoot(), "needs root (network namespaces and TAP devices)");
        require(Files.exists(Path.of("/dev/net/tun")), "needs /dev/net/tun");
        require(Sh.which("ip") != null, "needs the ip tool (apt-get install iproute2)");
    }

    /** Real tincd 1.0.36 on the PATH (or in /usr/sbin). */
    public static Path requireTincd() {
        Path tincd = Sh.which("tincd");
        require(tincd != null, "needs the real tincd 1.0.36 (apt-get install tinc)");
        return tincd;
    }

    public static void require(boolean condition, String reason) {
        if (condition) {
            return;
        }
        if (inCi()) {
            fail("CI must not skip this test: it " + reason);
        }
        assumeTrue(false, "skipped: this test " + reason);
    }
}
