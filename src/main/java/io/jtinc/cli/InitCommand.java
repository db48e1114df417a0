package io.jtinc.cli;

import io.jtinc.config.NetDirectory;
import io.jtinc.config.NodeNames;
import io.jtinc.crypto.KeyGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jtinc -n NET init NAME}: a new net directory for this node, in the mesh's usual shape (switch/TAP). */
@Command(name = "init", description = "Create the net: tinc.conf (Name, Mode = switch, DeviceType = tap, "
        + "Interface = NET), an RSA key pair (rsa_key.priv 0600) and hosts/NAME. Refuses an existing tinc.conf.")
final class InitCommand implements Callable<Integer> {
    @ParentCommand
    JtincMain parent;

    @Parameters(paramLabel = "NAME", description = "This node's name ([A-Za-z0-9_]).")
    String name;

    @Override
    public Integer call() {
        if (!NodeNames.isValid(name)) {
            System.err.println("Invalid name " + name + ": only letters, digits and '_' (tinc 1.0's rule; write "
                    + name.replaceAll("[^A-Za-z0-9_]", "_") + ")");
            return 1;
        }
        NetDirectory dir = parent.directory();
        if (Files.exists(dir.tincConf())) {
            System.err.println(dir.tincConf() + " already exists; not overwriting it");
            return 1;
        }
        StringBuilder conf = new StringBuilder("Name = " + name + "\nMode = switch\nDeviceType = tap\n");
        dir.netname().ifPresent(n -> conf.append("Interface = ").append(n.length() > 15 ? n.substring(0, 15) : n)
                .append('\n'));
        try {
            Files.createDirectories(dir.hostsDir());
            Files.writeString(dir.tincConf(), conf.toString());
            // An empty host file first, so key generation appends to it instead of reporting, as tincd -K would,
            // that it "Cannot open config file" (true, and alarming in a command whose job is to create it).
            if (!Files.exists(dir.hostFile(name))) {
                Files.createFile(dir.hostFile(name));
            }
        } catch (IOException e) {
            System.err.println("Could not create " + dir.confbase() + ": " + e.getMessage());
            return 1;
        }
        return GenerateKeys.run(dir, List.of(), KeyGenerator.DEFAULT_BITS, System.out, System.err);
    }
}
