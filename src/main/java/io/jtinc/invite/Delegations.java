package io.jtinc.invite;

import io.jtinc.config.NetDirectory;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The hub's record of which node got which /64 and transfer address: CONFBASE/invitations/delegations, one line
 * "NODE SUBNET/64 TRANSFER_ADDRESS HUB_TRANSFER_ADDRESS PREFIX TRANSFER_LENGTH" per node. An entry is made when
 * a node is first invited and kept for good, so re-inviting a node (after a re-install) gives it the same /64.
 * Allocation: the lowest free /64 of the prefix, skipping the transfer network's; the lowest free transfer
 * address from ::2 on (::1 is the hub's).
 */
public final class Delegations {
    static final String FILE = "delegations";

    private Delegations() {
    }

    /** What the node was assigned, for {@code info NODE} and {@code dump invitations}; empty when nothing. */
    public static Optional<Delegation> forNode(NetDirectory directory, String node) {
        return read(InvitationStore.dirOf(directory)).stream().filter(d -> d.node().equals(node)).findFirst();
    }

    public static List<Delegation> all(NetDirectory directory) {
        return read(InvitationStore.dirOf(directory));
    }

    static List<Delegation> read(Path dir) {
        Path file = dir.resolve(FILE);
        List<Delegation> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 6 && !f[0].startsWith("#")) {
                    try {
                        out.add(new Delegation(f[0], f[1], f[2], f[3], f[4], Integer.parseInt(f[5])));
                    } catch (NumberFormatException e) {
                        // a hand-edited line; skipped rather than failing every invitation
                    }
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    static void write(Path dir, List<Delegation> all) throws IOException {
        StringBuilder sb = new StringBuilder("# node subnet transfer-address hub-transfer-address prefix "
                + "transfer-length (written by jtinc invite; keeps each node's /64 across re-invitations)\n");
        for (Delegation d : all) {
            sb.append(d.node()).append(' ').append(d.subnet()).append(' ').append(d.transferAddress()).append(' ')
                    .append(d.hubTransferAddress()).append(' ').append(d.prefix()).append(' ')
                    .append(d.transferPrefixLength()).append('\n');
        }
        InvitationStore.writeAtomically(dir.resolve(FILE), sb.toString());
    }

    /**
     * The node's existing assignment, or the next free one.
     * @throws IllegalStateException when every /64 (or every transfer address) is taken
     */
    static Delegation assign(List<Delegation> existing, String node, Ipv6Prefix prefix, Ipv6Prefix transfer) {
        for (Delegation d : existing) {
            if (d.node().equals(node)) {
                return d;
            }
        }
        Set<BigInteger> usedNets = new HashSet<>();
        Set<BigInteger> usedHosts = new HashSet<>();
        for (Delegation d : existing) {
            try {
                usedNets.add(Ipv6Prefix.parse(d.subnet()).network());
                usedHosts.add(Ipv6Prefix.address(d.transferAddress()));
            } catch (IllegalArgumentException e) {
                // ignore a damaged line, as read() does
            }
        }
        Ipv6Prefix subnet = null;
        int count = prefix.count(64);
        for (int i = 0; i < count && subnet == null; i++) {
            Ipv6Prefix candidate = prefix.sub(64, i);
            boolean transferNet = candidate.contains(transfer) || transfer.contains(candidate);
            if (!transferNet && !usedNets.contains(candidate.network())) {
                subnet = candidate;
            }
        }
        if (subnet == null) {
            throw new IllegalStateException("DelegationPrefix " + prefix + " is exhausted: all its /64s are "
                    + "assigned (see dump invitations)");
        }
        String address = null;
        long hosts = transfer.length() <= 64 ? Long.MAX_VALUE : (1L << (128 - transfer.length())) - 1;
        for (long n = 2; n < hosts && address == null; n++) {
            BigInteger a = transfer.network().add(BigInteger.valueOf(n));
            if (!usedHosts.contains(a)) {
                address = Ipv6Prefix.format(a);
            }
        }
        if (address == null) {
            throw new IllegalStateException("TransferNetwork " + transfer + " has no free address left");
        }
        return new Delegation(node, subnet.toString(), address, transfer.host(1), prefix.toString(),
                transfer.length());
    }
}
