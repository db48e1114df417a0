package io.jtinc.cli;

import io.jtinc.config.ConfigException;
import io.jtinc.config.ConfigLoader;
import io.jtinc.config.NetDirectory;
import io.jtinc.config.ServerConfig;
import io.jtinc.crypto.KeyGenerator;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code jtincd -K[BITS]} as tincd 1.0.36 does it (spec §11.6): the private key to PrivateKeyFile (default
 * rsa_key.priv), the public key appended to hosts/NAME, or to rsa_key.pub when the net has no Name yet. tincd
 * writes its progress to stderr, and so do we. It never prompts, whatever stdin is.
 */
final class GenerateKeys {
    private GenerateKeys() {
    }

    static int run(NetDirectory directory, List<String> options, int bits, PrintStream out, PrintStream err) {
        Path privateKeyFile = directory.confbase().resolve("rsa_key.priv");
        Path publicKeyFile = directory.confbase().resolve("rsa_key.pub");
        try {
            if (hasName(directory, options)) {
                ServerConfig config = ConfigLoader.loadServer(directory, options);
                privateKeyFile = config.privateKeyFile();
                publicKeyFile = directory.hostFile(config.name());
                Files.createDirectories(publicKeyFile.getParent());
            }
            KeyGenerator.generateAndWrite(bits, privateKeyFile, publicKeyFile, err);
            return 0;
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 1;
        } catch (java.io.IOException e) {
            err.println("Could not create " + publicKeyFile.getParent() + ": " + e.getMessage());
            return 1;
        }
    }

    /** A net without tinc.conf or Name is fine for -K (tincd then writes rsa_key.pub); a broken one is not. */
    private static boolean hasName(NetDirectory directory, List<String> options) throws ConfigException {
        boolean optionName = options.stream().anyMatch(o -> o.regionMatches(true, 0, "Name=", 0, 5)
                || o.regionMatches(true, 0, "Name =", 0, 6));
        if (optionName) {
            return true;
        }
        if (!Files.isRegularFile(directory.tincConf())) {
            return false;
        }
        return ConfigLoader.parseFile(directory.tincConf()).lookup("Name").isPresent();
    }
}
