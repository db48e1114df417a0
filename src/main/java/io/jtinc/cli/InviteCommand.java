package io.jtinc.cli;

import io.jtinc.config.ConfigException;
import io.jtinc.config.HostAddress;
import io.jtinc.config.NetDirectory;
import io.jtinc.invite.HubEnrolment;
import io.jtinc.invite.HubSettings;
import io.jtinc.invite.InvitationStore;
import io.jtinc.invite.InviteUrl;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jtinc -n NET invite NODE}: on the hub, issues a single-use invitation and prints its URL (one line,
 * nothing else on stdout, so scripts can capture it). With DelegationPrefix set, NODE gets (or keeps) a /64.
 */
@Command(name = "invite", description = "Invite NODE to the net: prints one jtinc:// URL for 'jtinc join'.")
final class InviteCommand implements Callable<Integer> {
    @ParentCommand
    JtincMain parent;

    @Parameters(paramLabel = "NODE", description = "The new node's name ([A-Za-z0-9_]).")
    String node;

    @Option(names = "--expires", paramLabel = "TIME", defaultValue = "7d",
            description = "Validity: N followed by d, h, m or s (default: ${DEFAULT-VALUE}).")
    String expires;

    @Option(names = "--force", description = "Invite a node that already exists (its host file is replaced "
            + "on enrolment) or that has a pending invitation.")
    boolean force;

    @Option(names = "--address", paramLabel = "HOST[:PORT]",
            description = "The hub's public address for the URL (default: hosts/HUB's first Address and Port).")
    String address;

    @Override
    public Integer call() {
        NetDirectory dir = parent.directory();
        long validity;
        try {
            validity = duration(expires);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 1;
        }
        try {
            HubSettings hub = HubSettings.load(dir);
            String[] hostPort = hostPort(hub);
            int port = Integer.parseInt(hostPort[1]);
            long now = System.currentTimeMillis();
            InvitationStore.Issued issued = new InvitationStore(dir).create(node, now + validity, force,
                    hub.prefix(), hub.transfer(), dir.hostsDir(), new SecureRandom(), now);
            HubEnrolment.prepareScripts(hub);
            System.out.println(new InviteUrl(hostPort[0], port, hub.net(), io.jtinc.invite.InviteCrypto.fingerprint(
                    hub.publicKey()), issued.secret()).format());
            return 0;
        } catch (ConfigException | IllegalStateException | IllegalArgumentException e) {
            System.err.println("Cannot invite " + node + ": " + e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println("Cannot write the invitation: " + e.getMessage());
            return 1;
        }
    }

    private String[] hostPort(HubSettings hub) {
        if (address != null) {
            String a = address.trim();
            if (a.startsWith("[")) {
                int close = a.indexOf(']');
                String port = close + 1 < a.length() && a.charAt(close + 1) == ':' ? a.substring(close + 2) : hub.port();
                return new String[] {a.substring(1, close), port};
            }
            int colon = a.indexOf(':');
            boolean ipv6 = colon >= 0 && a.indexOf(':', colon + 1) >= 0;
            return ipv6 || colon < 0 ? new String[] {a, hub.port()} : new String[] {a.substring(0, colon),
                a.substring(colon + 1)};
        }
        HostAddress a = hub.address().orElseThrow(() -> new IllegalStateException("hosts/" + hub.name()
                + " has no Address, so the URL would not say where to connect; add one or give --address HOST[:PORT]"));
        return new String[] {a.host(), a.port().orElse(hub.port())};
    }

    /** "7d", "12h", "30m", "90s" or plain seconds. */
    static long duration(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        long unit = 1000;
        char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
        switch (last) {
            case 'd' -> unit = 86_400_000L;
            case 'h' -> unit = 3_600_000L;
            case 'm' -> unit = 60_000L;
            case 's' -> unit = 1000;
            default -> last = 0;
        }
        String number = last == 0 ? t : t.substring(0, t.length() - 1);
        try {
            long n = Long.parseLong(number);
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid --expires " + text + ": expected a positive number followed"
                    + " by d, h, m or s (e.g. 7d)");
        }
    }
}
