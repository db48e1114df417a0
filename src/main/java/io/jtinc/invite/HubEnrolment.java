package io.jtinc.invite;

import io.jtinc.crypto.RsaKeyPem;
import io.jtinc.log.Log;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The hub's {@link Enrolment} on its files: checks the invitation, marks it used, writes hosts/NODE (public key
 * and, when delegating, Subnet lines for its transfer address and its /64), rewrites the generated tinc-up and
 * tinc-down routing, and hands the new route to {@code applyRoute} (the daemon runs it on the scripts' thread,
 * off the event loop). The hub's host file is read from disk for each answer, so edits need no restart.
 */
public final class HubEnrolment implements Enrolment {
    private final HubSettings hub;
    private final InvitationStore store;
    private final LongSupplier wallClock;
    private final Consumer<List<String>> applyRoute;

    public HubEnrolment(HubSettings hub, LongSupplier wallClockMillis, Consumer<List<String>> applyRoute) {
        this.hub = hub;
        this.store = new InvitationStore(hub.directory());
        this.wallClock = wallClockMillis;
        this.applyRoute = applyRoute;
    }

    @Override
    public Optional<Invitation> find(String id) {
        return store.find(id);
    }

    @Override
    public Outcome enrol(Invitation inv, RSAPublicKey joinerKey) {
        String node = inv.node();
        try {
            return store.locked(() -> {
                long now = wallClock.getAsLong();
                if (store.isUsed(inv.id())) {
                    return new Outcome.Refused("the invitation for " + node + " was already used");
                }
                if (inv.expired(now)) {
                    return new Outcome.Refused("the invitation for " + node + " expired at "
                            + Instant.ofEpochMilli(inv.expiresMillis()) + "; ask the hub's operator for a new one");
                }
                Path hostFile = hub.directory().hostFile(node);
                if (!inv.force() && Files.exists(hostFile)) {
                    return new Outcome.Refused("a node called " + node + " already exists on the hub (hosts/" + node
                            + "); the hub's operator must invite it with --force to replace it");
                }
                if (node.equals(hub.name())) {
                    return new Outcome.Refused(node + " is the hub's own name");
                }
                // Used before anything is written or answered: a second joiner with the same URL loses here.
                if (!store.markUsed(inv.id())) {
                    return new Outcome.Refused("the invitation for " + node + " was already used");
                }
                writeHostFile(hostFile, joinerKey, inv.delegation());
                inv.delegation().ifPresent(this::route);
                return new Outcome.Accepted(answer(inv));
            });
        } catch (IOException | RuntimeException e) {
            Log.error("Enrolment of " + node + " failed: " + e.getMessage());
            return new Outcome.Refused("the hub could not store the enrolment (" + e.getMessage() + ")");
        }
    }

    private void writeHostFile(Path hostFile, RSAPublicKey key, Optional<Delegation> delegation) throws IOException {
        StringBuilder sb = new StringBuilder("# enrolled by invitation on " + Instant.ofEpochMilli(
                wallClock.getAsLong()) + "\n");
        delegation.ifPresent(d -> sb.append("Subnet = ").append(d.transferAddress()).append("/128\n")
                .append("Subnet = ").append(d.subnet()).append('\n'));
        sb.append('\n').append(RsaKeyPem.publicKeyPem(key));
        Files.createDirectories(hostFile.getParent());
        InvitationStore.writeAtomically(hostFile, sb.toString());
        Files.setPosixFilePermissions(hostFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    }

    /** Rewrites the hub's scripts for every enrolled node, then applies this node's route now. */
    private void route(Delegation d) {
        try {
            List<Delegation> enrolled = Delegations.read(store.dir()).stream()
                    .filter(x -> Files.exists(hub.directory().hostFile(x.node()))).toList();
            TincUpBlock.write(hub.directory().confbase(), enrolled, hub.hubTransferAddress(),
                    d.transferPrefixLength());
        } catch (IOException e) {
            Log.error("Could not update the generated routing in tinc-up/tinc-down: " + e.getMessage());
        }
        applyRoute.accept(List.of("ip", "-6", "route", "replace", d.subnet(), "via", d.transferAddress()));
    }

    private Map<String, String> answer(Invitation inv) throws IOException {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("Net", hub.net());
        a.put("Node", inv.node());
        a.put("HubName", hub.name());
        Path hubHost = hub.directory().hostFile(hub.name());
        a.put("HubHost", InviteCrypto.b64(Files.readAllBytes(hubHost)));
        inv.delegation().ifPresent(d -> {
            a.put("Subnet", d.subnet());
            a.put("Address", d.transferAddress() + "/" + d.transferPrefixLength());
            a.put("HubAddress", d.hubTransferAddress());
            a.put("Prefix", d.prefix());
        });
        return a;
    }

    /** Ensures the hub's generated scripts exist (called by invite, so a hub restarted later routes too). */
    public static void prepareScripts(HubSettings hub) throws IOException {
        if (!hub.delegates()) {
            return;
        }
        List<Delegation> enrolled = Delegations.read(InvitationStore.dirOf(hub.directory())).stream()
                .filter(x -> Files.exists(hub.directory().hostFile(x.node()))).toList();
        TincUpBlock.write(hub.directory().confbase(), enrolled, hub.hubTransferAddress(),
                hub.transfer().get().length());
    }
}
