package io.jtinc.cli;

import io.jtinc.config.ConfigException;
import io.jtinc.config.ConfigLoader;
import io.jtinc.config.ConfigTree;
import io.jtinc.config.NetDirectory;
import io.jtinc.config.NodeNames;
import io.jtinc.crypto.RsaKeyPem;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Host files in tinc 1.1's export format, so they can be mailed, pasted or piped over ssh: each file is preceded
 * by a line {@code Name = NODE}, and {@code export-all} puts a separator line between files. Import is the
 * reverse, with the checks a file from someone else's machine needs: a valid node name (it becomes a path), a
 * public key that parses, a bounded size, and no silent overwriting.
 */
final class HostFileExchange {
    /** tinc 1.1 writes this line between the files of export-all; import skips it. */
    static final String SEPARATOR = "#---------------------------------------------------------------#";
    /** All of the input: a few hundred host files of a few KB each fit; a runaway pipe does not fill the disk. */
    static final int MAX_INPUT_BYTES = 1 << 20;
    /** One host file: a 8192-bit key in PEM is under 1.5 KB; the rest is Address, Subnet, Port lines. */
    static final int MAX_HOST_FILE_BYTES = 64 * 1024;

    private static final Pattern NAME_LINE = Pattern.compile("^\\s*name\\s*(?:=\\s*|\\s)\\s*(.*?)\\s*$",
            Pattern.CASE_INSENSITIVE);

    private HostFileExchange() {
    }

    /** This node's name, from tinc.conf; empty (with the reason printed) when there is none. */
    static Optional<String> ownName(NetDirectory dir, PrintStream err) {
        try {
            ConfigTree conf = ConfigLoader.parseFile(dir.tincConf());
            Optional<String> name = conf.lookup("Name").map(e -> e.value().trim());
            if (name.isEmpty() || !NodeNames.isValid(name.get())) {
                err.println("No valid Name in " + dir.tincConf());
                return Optional.empty();
            }
            return name;
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return Optional.empty();
        }
    }

    /** Writes hosts/NAME prefixed with its Name line; false (reason printed) when it cannot be read. */
    static boolean exportOne(NetDirectory dir, String name, StringBuilder out, PrintStream err) {
        Path file = dir.hostFile(name);
        String text;
        try {
            if (Files.size(file) > MAX_HOST_FILE_BYTES) {
                err.println("Host configuration file " + file + " is larger than " + MAX_HOST_FILE_BYTES
                        + " bytes; not exporting it");
                return false;
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("Could not open configuration file " + file + ": " + e.getMessage());
            return false;
        }
        out.append("Name = ").append(name).append('\n');
        for (String line : text.split("\n", -1)) {
            // A Name line inside a host file would start a new block on import; host files should not have one.
            if (!NAME_LINE.matcher(line).matches() && !line.equals(SEPARATOR)) {
                out.append(line).append('\n');
            }
        }
        // split() leaves one empty string after the file's last newline: drop the blank line it would add.
        if (text.endsWith("\n")) {
            out.setLength(out.length() - 1);
        }
        return true;
    }

    /** Every hosts/NAME with a valid name, in name order, separated as tinc 1.1 does. */
    static boolean exportAll(NetDirectory dir, StringBuilder out, PrintStream err) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir.hostsDir())) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                if (NodeNames.isValid(n) && Files.isRegularFile(f)) {
                    names.add(n);
                }
            }
        } catch (IOException e) {
            err.println("Could not open host configuration directory " + dir.hostsDir() + ": " + e.getMessage());
            return false;
        }
        names.sort(null);
        boolean ok = true;
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append(SEPARATOR).append('\n');
            }
            ok &= exportOne(dir, names.get(i), out, err);
        }
        return ok;
    }

    /** What an import did. Exit status 0 needs at least one file written and nothing refused as malformed. */
    record ImportResult(int imported, int skipped, int rejected) {
        int exitStatus() {
            return imported > 0 && rejected == 0 ? 0 : 1;
        }
    }

    /** Reads blocks from {@code in} (at most {@link #MAX_INPUT_BYTES}) and writes each as hosts/NAME. */
    static ImportResult importFrom(NetDirectory dir, InputStream in, boolean force, PrintStream err)
            throws IOException {
        byte[] data = in.readNBytes(MAX_INPUT_BYTES + 1);
        if (data.length > MAX_INPUT_BYTES) {
            err.println("Input is larger than " + MAX_INPUT_BYTES + " bytes; nothing imported");
            return new ImportResult(0, 0, 1);
        }
        Files.createDirectories(dir.hostsDir());
        int imported = 0;
        int skipped = 0;
        int rejected = 0;
        String name = null;
        StringBuilder body = new StringBuilder();
        boolean junk = false;
        for (String line : new String(data, StandardCharsets.UTF_8).split("\r?\n", -1)) {
            Matcher m = NAME_LINE.matcher(line);
            if (m.matches()) {
                if (name != null) {
                    int r = store(dir, name, body.toString(), force, err);
                    imported += r == 0 ? 1 : 0;
                    skipped += r == 1 ? 1 : 0;
                    rejected += r == 2 ? 1 : 0;
                }
                name = m.group(1);
                body.setLength(0);
            } else if (name == null) {
                junk |= !line.isBlank() && !line.equals(SEPARATOR);
            } else if (!line.equals(SEPARATOR)) {
                body.append(line).append('\n');
            }
        }
        if (junk) {
            err.println("Junk at the beginning of the input, ignoring.");
        }
        if (name != null) {
            int r = store(dir, name, body.toString(), force, err);
            imported += r == 0 ? 1 : 0;
            skipped += r == 1 ? 1 : 0;
            rejected += r == 2 ? 1 : 0;
        }
        if (imported == 0) {
            err.println("No host configuration files imported.");
        } else {
            err.println("Imported " + imported + " host configuration file" + (imported == 1 ? "" : "s") + ".");
        }
        return new ImportResult(imported, skipped, rejected);
    }

    /** 0 written, 1 skipped (exists, no --force), 2 rejected (malformed). */
    private static int store(NetDirectory dir, String name, String body, boolean force, PrintStream err)
            throws IOException {
        if (!NodeNames.isValid(name)) {
            err.println("Invalid Name in input: " + printable(name) + " (only letters, digits and '_'); skipping it");
            return 2;
        }
        String text = body.stripTrailing() + "\n";
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_HOST_FILE_BYTES) {
            err.println("Host configuration file for " + name + " is larger than " + MAX_HOST_FILE_BYTES
                    + " bytes; skipping it");
            return 2;
        }
        Path target = dir.hostFile(name);
        if (Files.exists(target) && !force) {
            err.println("Host configuration file " + target + " already exists, skipping.");
            return 1;
        }
        // Written beside the target and checked there (the parser and key reader take files), then renamed, so
        // a half-written or invalid file never becomes hosts/NAME.
        Path tmp = Files.createTempFile(dir.hostsDir(), "." + name + ".", ".import");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Optional<String> problem = problem(tmp);
            if (problem.isPresent()) {
                err.println("Host configuration file for " + name + " in the input is not valid: " + problem.get()
                        + "; skipping it");
                return 2;
            }
            if (force) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                try {
                    // Not REPLACE_EXISTING: a file that appeared since the check above still wins.
                    Files.move(tmp, target);
                } catch (FileAlreadyExistsException e) {
                    err.println("Host configuration file " + target + " already exists, skipping.");
                    return 1;
                }
            }
            return 0;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Why the file is unusable as a peer's host file: it must parse and hold a public key jtincd can read. */
    private static Optional<String> problem(Path file) {
        try {
            ConfigTree tree = ConfigLoader.parseFile(file);
            Optional<String> hex = tree.lookup("PublicKey").map(e -> e.value().trim());
            if (hex.isPresent()) {
                RsaKeyPem.publicKeyFromHex(hex.get());
            } else {
                RsaKeyPem.readPublicKey(file);
            }
            return Optional.empty();
        } catch (ConfigException e) {
            return Optional.of(e.getMessage().replace(file.toString(), "it"));
        } catch (RuntimeException e) {
            // Malformed key material from the input: reported, never thrown at the user.
            return Optional.of("unreadable public key (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** A name from the input as it may be shown on a terminal: control characters escaped, length bounded. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.substring(0, Math.min(s.length(), 64)).toCharArray()) {
            b.append(c < 0x20 || c == 0x7f ? String.format(Locale.ROOT, "\\x%02x", (int) c) : String.valueOf(c));
        }
        return "\"" + b + (s.length() > 64 ? "...\"" : "\"");
    }
}
