package io.jtinc.cli;

import io.jtinc.config.ConfigException;
import io.jtinc.config.NetDirectory;
import io.jtinc.crypto.KeyGenerator;
import io.jtinc.invite.InviteUrl;
import io.jtinc.invite.JoinFiles;
import io.jtinc.invite.JoinHandshake;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jtinc join URL}: enrols this machine with the hub of the invitation, over the hub's meta port, and writes
 * the net (tinc.conf, keys, host files, tinc-up/down, nets.boot). It does not start the daemon. Nothing is
 * written unless the hub accepted, so a refused join can simply be retried with a new URL.
 */
@Command(name = "join", description = "Join a net with an invitation URL from 'jtinc invite' on the hub.")
final class JoinCommand implements Callable<Integer> {
    @ParentCommand
    JtincMain parent;

    @Parameters(paramLabel = "URL", description = "jtinc://HOST:PORT/NET/FINGERPRINT/SECRET")
    String urlText;

    @Option(names = "--lan", paramLabel = "IFACE", defaultValue = "eth0",
            description = "The LAN interface that gets the delegated /64's ::1 (default: ${DEFAULT-VALUE}).")
    String lan;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Give up when the hub does not finish within this (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() {
        InviteUrl url;
        try {
            url = InviteUrl.parse(urlText);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 1;
        }
        if (!lan.matches("[A-Za-z0-9_.:@-]{1,15}")) {
            System.err.println("invalid --lan " + lan + ": not an interface name");
            return 1;
        }
        String net = parent.netname != null ? parent.netname : url.net();
        NetDirectory dir = NetDirectory.of(net, parent.configDir, parent.configRoot);
        if (Files.exists(dir.tincConf())) {
            System.err.println(dir.tincConf() + " already exists; not overwriting it (remove the net or choose "
                    + "another with -n NET)");
            return 1;
        }
        KeyPair keys;
        try {
            keys = KeyGenerator.generate(KeyGenerator.DEFAULT_BITS);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 1;
        }
        JoinHandshake hs = new JoinHandshake(url, (RSAPublicKey) keys.getPublic(), new SecureRandom());
        Map<String, String> answer;
        try {
            answer = exchange(url, hs);
        } catch (IOException e) {
            System.err.println("Could not join: " + url.host() + " port " + url.port() + ": " + e.getMessage());
            return 1;
        }
        if (answer == null) {
            return 1;
        }
        try {
            JoinFiles.Answer a = JoinFiles.Answer.of(answer);
            JoinFiles.write(dir, parent.netsBoot(), a, keys, url, lan, System.currentTimeMillis());
            System.out.println("Joined net " + a.net() + " as " + a.node() + " (hub " + a.hubName() + "); wrote "
                    + dir.confbase() + " and added " + net + " to " + parent.netsBoot() + ".");
            if (a.delegated()) {
                System.out.println("Delegated " + a.subnet() + " (on " + lan + " as " + a.lanAddress()
                        + "), transfer address " + a.address() + ", " + a.prefix() + " via " + a.hubAddress() + ".");
            }
            System.out.println("Start it with: jtincd -n " + net + "   (or systemctl start jtinc@" + net + ")");
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("The hub's answer is unusable: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println("Could not write " + dir.confbase() + ": " + e.getMessage());
            return 1;
        }
    }

    /** Runs the exchange on a blocking socket; the answer, or null after printing why it failed. */
    private Map<String, String> exchange(InviteUrl url, JoinHandshake hs) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(url.host(), url.port()), timeoutSeconds * 1000);
            s.setSoTimeout(timeoutSeconds * 1000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(hs.start());
            out.flush();
            byte[] buf = new byte[4096];
            while (true) {
                int n;
                try {
                    n = in.read(buf);
                } catch (SocketTimeoutException e) {
                    System.err.println("Could not join: the hub did not answer within " + timeoutSeconds + " s");
                    return null;
                }
                List<JoinHandshake.Action> actions = n < 0 ? hs.closed() : hs.receive(ByteBuffer.wrap(buf, 0, n));
                for (JoinHandshake.Action a : actions) {
                    if (a instanceof JoinHandshake.Send send) {
                        try {
                            out.write(send.bytes());
                            out.flush();
                        } catch (IOException e) {
                            // the hub may already have closed after a refusal; its message is still read below
                        }
                    } else if (a instanceof JoinHandshake.Failed f) {
                        System.err.println("Could not join: " + f.message());
                        return null;
                    } else if (a instanceof JoinHandshake.Enrolled e) {
                        return e.answer();
                    }
                }
                if (n < 0) {
                    System.err.println("Could not join: the hub closed the connection");
                    return null;
                }
            }
        }
    }
}
