package io.jtinc.docs;

import io.jtinc.cli.JtincMain;
import io.jtinc.cli.Version;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Run by the build (exec-maven-plugin, prepare-package): writes {@code DIR/man/jtincd.8.gz}, {@code DIR/man/jtinc.8.gz}
 * and the bash completion scripts {@code DIR/bash-completion/jtincd} and {@code DIR/bash-completion/jtinc}, which
 * the Debian package installs. Man pages are gzipped as Debian policy wants, with no timestamp in the gzip header
 * (GZIPOutputStream writes none), so the package is the same from one build to the next.
 */
public final class GenerateDocs {
    private GenerateDocs() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: GenerateDocs OUTPUT_DIR");
        }
        Path out = Path.of(args[0]);
        CommandLine jtinc = new CommandLine(new JtincMain());
        CommandLine jtincd = new CommandLine(new JtincdModel());
        gzip(out.resolve("man/jtinc.8.gz"), ManPage.render(jtinc.getCommandSpec(), "8", Version.get(), jtincExtra()));
        gzip(out.resolve("man/jtincd.8.gz"), ManPage.render(jtincd.getCommandSpec(), "8", Version.get(),
                jtincdExtra()));
        write(out.resolve("bash-completion/jtinc"), AutoComplete.bash("jtinc", jtinc));
        write(out.resolve("bash-completion/jtincd"), AutoComplete.bash("jtincd", jtincd));
    }

    static Map<String, List<String>> jtincdExtra() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("SIGNALS", List.of("HUP: re-read the configuration (connections whose host file did not change stay "
                + "up). ALRM: retry outgoing connections now. USR1 and USR2: dump connections, or nodes, edges, "
                + "subnets and counters, to the log. WINCH: purge unreachable nodes. TERM and INT: run tinc-down "
                + "and exit."));
        m.put("FILES", files());
        m.put("SEE ALSO", List.of("jtinc(8), tincd(8), tinc.conf(5), systemctl(1)"));
        return m;
    }

    static Map<String, List<String>> jtincExtra() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("EXAMPLES", List.of("$ jtinc -n v6net dump nodes",
                "$ jtinc -n v6net invite node_one          # on the hub: prints one URL",
                "$ jtinc join jtinc://hub.example:655/v6net/...  # on the new node",
                "$ jtinc -n v6net disable                  # no longer started at boot; configuration kept"));
        m.put("FILES", files());
        m.put("SEE ALSO", List.of("jtincd(8), tinc.conf(5)"));
        return m;
    }

    private static List<String> files() {
        return List.of("/etc/tinc/NET/: the net's configuration, as tincd 1.0's.",
                "/etc/tinc/nets.boot: the nets started at boot by jtinc.service (jtinc start-boot).",
                "/etc/default/jtinc: EXTRA options for every jtincd started by the units.",
                "/run/jtinc/NET.pid, /run/jtinc/NET.socket: pid file and control socket under systemd.");
    }

    private static void gzip(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(file))) {
            o.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
