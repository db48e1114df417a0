package io.jtinc.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.testsupport.Jtincd;
import io.jtinc.testsupport.Requirements;
import io.jtinc.testsupport.Sh;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Debian package that {@code ./mvnw package} made (target/jtinc_VERSION_all.deb; this test builds nothing):
 * installed on this machine with dpkg -i (twice: postinst must be idempotent), its programs run from the installed
 * jar, its units pass systemd-analyze verify (which also looks up the man pages they name), man pages and bash
 * completion work, the system user exists, jtinc.service is enabled, and no file is shared with Debian's tinc. Then
 * dpkg --purge must leave nothing but what the package's policy keeps: the system user (postrm explains why).
 *
 * <p>It changes the machine's /usr, /lib and /etc, so it runs only as root, refuses to touch an already installed
 * jtinc package, and purges in a finally block; the jtinc user is deleted afterwards if the test's install made it.
 * Tagged netns with the other tests that need root.
 */
@Tag("netns")
class DebPackageIT {
    private static final Path ENABLED = Path.of("/etc/systemd/system/multi-user.target.wants/jtinc.service");

    @Test
    void installsRunsVerifiesAndPurgesCleanly() throws Exception {
        Requirements.require(Requirements.isRoot(), "needs root (dpkg -i changes the machine)");
        Requirements.require(Sh.which("dpkg") != null && Sh.which("systemd-analyze") != null,
                "needs dpkg and systemd-analyze (apt-get install systemd)");
        Path deb = findDeb();
        Requirements.require(!installed(), "jtinc is already installed on this machine; the test will not touch it");
        boolean userExisted = Sh.run("getent", "passwd", "jtinc").status() == 0;
        boolean groupExisted = Sh.run("getent", "group", "jtinc").status() == 0;
        List<Path> files = new ArrayList<>();
        Set<Path> dirs = new HashSet<>();
        contents(deb, files, dirs);
        long t0 = System.nanoTime();
        try {
            Sh.Result install = Sh.run(List.of("dpkg", "-i", deb.toString()), 300);
            assertEquals(0, install.status(), install.output());
            long installMs = ms(t0);
            Sh.Result again = Sh.run(List.of("dpkg", "-i", deb.toString()), 300);
            assertEquals(0, again.status(), "a reinstall (postinst with the user present) works\n" + again.output());
            for (Path f : files) {
                assertTrue(Files.exists(f, LinkOption.NOFOLLOW_LINKS), f + " installed");
            }

            // The launchers in /usr/sbin find java and /usr/share/jtinc/jtinc.jar on their own (no JTINC_JAR).
            long v0 = System.nanoTime();
            for (String program : List.of("jtinc", "jtincd")) {
                Sh.Result v = Sh.run(List.of("env", "-u", "JTINC_JAR", "/usr/sbin/" + program, "--version"), 60);
                assertEquals(0, v.status(), v.output());
                assertTrue(v.output().startsWith(program + " "), v.output());
                assertTrue(v.output().contains("tinc 1.0.36 compatible"), v.output());
            }
            long versionMs = ms(v0);

            // Verified as installed, by unit name from systemd's unit path; --man=yes (the default) also checks that
            // the man pages named in Documentation= exist.
            Sh.Result verify = Sh.run(List.of("systemd-analyze", "verify", "jtinc.service", "jtinc@v6net.service"),
                    120);
            assertEquals(0, verify.status(), verify.output());
            assertFalse(verify.output().contains("jtinc"), "no warning about our units: " + verify.output());

            for (String page : List.of("jtinc", "jtincd")) {
                Sh.Result where = Sh.run("man", "-w", "8", page);
                assertEquals("/usr/share/man/man8/" + page + ".8.gz", where.output().trim(), where.output());
            }
            Sh.Result manText = Sh.run(List.of("sh", "-c", "LC_ALL=C MANWIDTH=200 man 8 jtinc"), 60);
            assertTrue(manText.output().contains("start-boot") && manText.output().contains("--config-root"),
                    manText.output());
            // Completion: "jtinc st<TAB>" offers start-boot and stop, "jtincd --kill=<TAB>"-style values come from
            // the model, and both scripts load in a bash that has neither.
            Sh.Result complete = Sh.run(List.of("bash", "-c",
                    ". /usr/share/bash-completion/completions/jtinc && COMP_WORDS=(jtinc st) && COMP_CWORD=1 "
                    + "&& COMP_LINE='jtinc st' && COMP_POINT=8 && _complete_jtinc jtinc st jtinc "
                    + "&& echo \"${COMPREPLY[*]}\" && . /usr/share/bash-completion/completions/jtincd "
                    + "&& COMP_WORDS=(jtincd -k '') && COMP_CWORD=2 && COMP_LINE='jtincd -k ' && COMP_POINT=10 "
                    + "&& _complete_jtincd jtincd '' -k && echo \"${COMPREPLY[*]}\""), 30);
            assertEquals(0, complete.status(), complete.output());
            assertTrue(complete.output().matches("(?s).*start-boot.*stop.*|.*stop.*start-boot.*"), complete.output());
            assertTrue(complete.output().contains("HUP") && complete.output().contains("USR2"), complete.output());
            System.out.print("DebPackageIT: completions of 'jtinc st' and 'jtincd -k ':\n" + complete.output());

            Sh.Result user = Sh.ok("getent", "passwd", "jtinc");
            String[] pw = user.output().trim().split(":");
            assertTrue(Integer.parseInt(pw[2]) < 1000, "a system user: " + user.output());
            assertEquals("/usr/sbin/nologin", pw[6], user.output());
            Sh.ok("getent", "group", "jtinc");
            assertTrue(Files.isSymbolicLink(ENABLED), "jtinc.service enabled (nets.boot decides what starts)");
            assertEquals("0644", mode(Path.of("/etc/default/jtinc")));

            // Beside Debian's tinc: no path in common but directories.
            if (Sh.run("dpkg", "-s", "tinc").status() == 0) {
                Set<String> ours = plainFiles(Sh.ok("dpkg", "-L", "jtinc").output());
                Set<String> theirs = plainFiles(Sh.ok("dpkg", "-L", "tinc").output());
                ours.retainAll(theirs);
                assertEquals(Set.of(), ours, "files shared with Debian's tinc");
                System.out.println("DebPackageIT: installed beside Debian's tinc, no file in common");
            }

            long p0 = System.nanoTime();
            Sh.Result purge = Sh.run(List.of("dpkg", "--purge", "jtinc"), 300);
            assertEquals(0, purge.status(), purge.output());
            long purgeMs = ms(p0);
            assertFalse(installed(), "purged: dpkg no longer knows jtinc");
            for (Path f : files) {
                assertFalse(Files.exists(f, LinkOption.NOFOLLOW_LINKS), f + " left behind");
            }
            for (Path d : List.of(Path.of("/usr/share/jtinc"), Path.of("/usr/share/doc/jtinc"), Path.of("/run/jtinc"))) {
                assertFalse(Files.exists(d), d + " left behind");
            }
            assertFalse(Files.exists(ENABLED, LinkOption.NOFOLLOW_LINKS), ENABLED + " left behind");
            assertEquals(List.of(), systemdHelperState(), "deb-systemd-helper state left behind");
            // Kept on purge by policy (see src/deb/control/postrm): the system user and its group.
            assertEquals(0, Sh.run("getent", "passwd", "jtinc").status(), "the jtinc user is kept on purge");
            System.out.printf("DebPackageIT: dpkg -i %d ms, both --version %d ms, dpkg --purge %d ms, whole test %d ms%n",
                    installMs, versionMs, purgeMs, ms(t0));
        } finally {
            if (installed()) {
                Sh.run(List.of("dpkg", "--purge", "jtinc"), 300);
            }
            // A broken postrm must not leave the machine with our enable link and helper state either.
            if (Files.exists(ENABLED, LinkOption.NOFOLLOW_LINKS) || !systemdHelperState().isEmpty()) {
                Sh.run("env", "DPKG_MAINTSCRIPT_PACKAGE=jtinc", "deb-systemd-helper", "purge", "jtinc.service");
                Files.deleteIfExists(ENABLED);
            }
            if (!userExisted) {
                Sh.run("userdel", "jtinc");
            }
            if (!groupExisted && Sh.run("getent", "group", "jtinc").status() == 0) {
                Sh.run("groupdel", "jtinc");
            }
        }
    }

    /** The newest target/jtinc_*_all.deb: made by the build's package phase, which failsafe runs after. */
    private static Path findDeb() throws Exception {
        Path newest = null;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Jtincd.projectRoot().resolve("target"),
                "jtinc_*_all.deb")) {
            for (Path p : ds) {
                if (newest == null || Files.getLastModifiedTime(p).compareTo(Files.getLastModifiedTime(newest)) > 0) {
                    newest = p;
                }
            }
        }
        assertNotEquals(null, newest, "no target/jtinc_*_all.deb: run ./mvnw package first");
        return newest;
    }

    private static boolean installed() {
        Sh.Result s = Sh.run("dpkg-query", "-W", "-f=${Status}", "jtinc");
        return s.status() == 0 && !s.output().contains("not-installed");
    }

    private static void contents(Path deb, List<Path> files, Set<Path> dirs) {
        for (String line : Sh.ok("dpkg-deb", "-c", deb.toString()).output().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            Path p = Path.of(f[5].substring(1)); // "./usr/..." -> "/usr/..."
            if (line.startsWith("d")) {
                dirs.add(p);
            } else {
                files.add(p);
            }
        }
        assertTrue(files.contains(Path.of("/usr/sbin/jtincd")) && files.contains(Path.of("/usr/share/jtinc/jtinc.jar")),
                "package contents: " + files);
    }

    private static Set<String> plainFiles(String dpkgList) {
        Set<String> out = new HashSet<>();
        for (String l : dpkgList.split("\n")) {
            Path p = Path.of(l.trim().isEmpty() ? "/" : l.trim());
            // Followed: /lib is a link to /usr/lib on a merged /usr, and a directory for this comparison.
            if (!Files.isDirectory(p) && !l.isBlank()) {
                out.add(l.trim());
            }
        }
        return out;
    }

    private static List<String> systemdHelperState() throws Exception {
        List<String> left = new ArrayList<>();
        Path state = Path.of("/var/lib/systemd/deb-systemd-helper-enabled");
        if (Files.isDirectory(state)) {
            try (var walk = Files.walk(state)) {
                walk.filter(p -> p.getFileName().toString().contains("jtinc")).forEach(p -> left.add(p.toString()));
            }
        }
        return left;
    }

    private static String mode(Path p) throws Exception {
        int m = (Integer) Files.getAttribute(p, "unix:mode");
        return String.format("%04o", m & 07777);
    }

    private static long ms(long since) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
    }
}
