package io.jtinc.cli;

import io.jtinc.config.NodeNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * nets.boot, Debian's tinc list of the nets started at boot: one net name per line, '#' comments and blank lines
 * ignored. The only switch that decides whether a net comes up at boot (the jtinc@ instances are never enabled
 * themselves), so a disabled net cannot come back after a power cut, and its configuration stays untouched.
 */
final class NetsBoot {
    private NetsBoot() {
    }

    /** The listed nets, in order, without duplicates; a missing file lists none. */
    static List<String> read(Path file) throws IOException {
        List<String> nets = new ArrayList<>();
        if (!Files.exists(file)) {
            return nets;
        }
        for (String line : Files.readAllLines(file)) {
            String net = strip(line);
            if (!net.isEmpty() && !nets.contains(net)) {
                nets.add(net);
            }
        }
        return nets;
    }

    /** A line's net name: the text before any '#', trimmed. */
    static String strip(String line) {
        int hash = line.indexOf('#');
        return (hash >= 0 ? line.substring(0, hash) : line).trim();
    }

    /** Whether a listed name can be a net (it becomes part of paths): letters, digits, '_', '-', '.'. */
    static boolean validNet(String net) {
        return !net.isEmpty() && !net.equals(".") && !net.equals("..") && net.matches("[A-Za-z0-9_.-]+")
                || NodeNames.isValid(net);
    }

    /** Adds the net (no duplicate); returns false when it was already listed. */
    static boolean enable(Path file, String net) throws IOException {
        if (read(file).contains(net)) {
            return false;
        }
        List<String> lines = Files.exists(file) ? new ArrayList<>(Files.readAllLines(file)) : new ArrayList<>();
        if (lines.isEmpty()) {
            lines.add("# Nets started at boot by jtinc start-boot (jtinc.service); one name per line.");
        }
        lines.add(net);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, lines);
        return true;
    }

    /** Removes every line naming the net, keeping comments and the others; returns false when it was not listed. */
    static boolean disable(Path file, String net) throws IOException {
        if (!read(file).contains(net)) {
            return false;
        }
        List<String> kept = Files.readAllLines(file).stream().filter(l -> !strip(l).equals(net)).toList();
        Files.write(file, kept);
        return true;
    }
}
