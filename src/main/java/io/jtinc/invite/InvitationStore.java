package io.jtinc.invite;

import io.jtinc.config.NetDirectory;
import io.jtinc.config.NodeNames;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * CONFBASE/invitations/ on a hub (mode 0700): one file per invitation, named by its id (a hash of the secret,
 * never the secret), mode 0600, plus "ID.used" once it was used (created with O_EXCL, so of two joiners racing
 * with one URL exactly one wins), and the delegations file. Changes take a lock (a file lock for the
 * {@code jtinc invite} process against the daemon, and a JVM lock for threads) so allocations never collide.
 */
public final class InvitationStore {
    static final String DIR = "invitations";
    static final String USED = ".used";
    private static final ReentrantLock JVM_LOCK = new ReentrantLock();

    private final Path dir;

    public InvitationStore(NetDirectory directory) {
        this.dir = dirOf(directory);
    }

    InvitationStore(Path dir) {
        this.dir = dir;
    }

    static Path dirOf(NetDirectory directory) {
        return directory.confbase().resolve(DIR);
    }

    public Path dir() {
        return dir;
    }

    public enum State { PENDING, USED, EXPIRED }

    /** An invitation with its state, for {@code dump invitations}. */
    public record Entry(Invitation invitation, State state) {
    }

    /** What {@link #create} made: the secret goes into the URL and nowhere else. */
    public record Issued(Invitation invitation, byte[] secret) {
    }

    /**
     * Issues an invitation for node; with a delegation plan the node gets (or keeps) its /64.
     * @throws IllegalStateException (with the user's message) for an invalid or taken name, or an exhausted prefix
     */
    public Issued create(String node, long expiresMillis, boolean force, Optional<Ipv6Prefix> prefix,
                         Optional<Ipv6Prefix> transfer, Path hostsDir, SecureRandom random, long nowMillis)
            throws IOException {
        if (!NodeNames.isValid(node)) {
            throw new IllegalStateException("invalid node name '" + node + "': only letters, digits and '_' "
                    + "(tinc 1.0's rule; write node_one, not node-one)");
        }
        return locked(() -> {
            removeLongExpired(nowMillis);
            if (!force && Files.exists(hostsDir.resolve(node))) {
                throw new IllegalStateException("a node called " + node + " already exists (hosts/" + node
                        + "); use --force to invite it again and replace its host file on enrolment");
            }
            if (!force && list(nowMillis).stream().anyMatch(e -> e.invitation().node().equals(node)
                    && e.state() == State.PENDING)) {
                throw new IllegalStateException("there is already a pending invitation for " + node
                        + "; use --force to issue another one");
            }
            Optional<Delegation> delegation = Optional.empty();
            if (prefix.isPresent() && transfer.isPresent()) {
                List<Delegation> all = Delegations.read(dir);
                Delegation d = Delegations.assign(all, node, prefix.get(), transfer.get());
                if (!all.contains(d)) {
                    all.add(d);
                    Delegations.write(dir, all);
                }
                delegation = Optional.of(d);
            }
            byte[] secret = new byte[InviteUrl.SECRET_BYTES];
            random.nextBytes(secret);
            Invitation inv = new Invitation(InviteCrypto.invitationId(secret), node, expiresMillis,
                    InviteCrypto.keySalt(secret), force, delegation);
            writeAtomically(dir.resolve(inv.id()), format(inv, nowMillis));
            return new Issued(inv, secret);
        });
    }

    /**
     * Invitations (used or not) that expired more than {@link #RETAIN_EXPIRED_MILLIS} ago are deleted with their
     * ".used" marker whenever a new one is issued, as tinc 1.1's invite does with expired ones, so the directory
     * does not grow for ever; the recent ones stay visible in {@code dump invitations}. Delegations are kept.
     */
    void removeLongExpired(long nowMillis) throws IOException {
        for (Entry e : list(nowMillis)) {
            if (e.invitation().expiresMillis() + RETAIN_EXPIRED_MILLIS <= nowMillis) {
                Files.deleteIfExists(dir.resolve(e.invitation().id() + USED));
                Files.deleteIfExists(dir.resolve(e.invitation().id()));
            }
        }
    }

    /** How long an expired or used invitation stays listed after its expiry: 30 days. */
    static final long RETAIN_EXPIRED_MILLIS = 30L * 24 * 3600 * 1000;

    public Optional<Invitation> find(String id) {
        if (!HubHandshake.validId(id)) {
            return Optional.empty();
        }
        return read(dir.resolve(id));
    }

    /** Marks it used; false when it already was (another joiner won the race, or a replay). */
    public boolean markUsed(String id) {
        try {
            Files.createFile(dir.resolve(id + USED), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new IllegalStateException("cannot mark the invitation used: " + e.getMessage(), e);
        }
    }

    public boolean isUsed(String id) {
        return Files.exists(dir.resolve(id + USED));
    }

    public List<Entry> list(long nowMillis) {
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.sorted().toList()) {
                String n = p.getFileName().toString();
                if (HubHandshake.validId(n)) {
                    read(p).ifPresent(inv -> out.add(new Entry(inv, isUsed(inv.id()) ? State.USED
                            : inv.expired(nowMillis) ? State.EXPIRED : State.PENDING)));
                }
            }
        } catch (IOException e) {
            return out;
        }
        out.sort((a, b) -> Long.compare(a.invitation().expiresMillis(), b.invitation().expiresMillis()));
        return out;
    }

    static String format(Invitation inv, long nowMillis) {
        Map<String, String> kv = new LinkedHashMap<>();
        kv.put("Node", inv.node());
        kv.put("Created", Instant.ofEpochMilli(nowMillis).toString());
        kv.put("Expires", Instant.ofEpochMilli(inv.expiresMillis()).toString());
        kv.put("KeySalt", InviteCrypto.b64(inv.keySalt()));
        kv.put("Force", inv.force() ? "yes" : "no");
        inv.delegation().ifPresent(d -> {
            kv.put("Subnet", d.subnet());
            kv.put("Address", d.transferAddress());
        });
        return "# jtinc invitation; the file name is a hash of the secret, which is not stored\n"
                + KeyValues.format(kv);
    }

    private Optional<Invitation> read(Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > InviteWire.MAX_LINE) {
                return Optional.empty();
            }
            Map<String, String> kv = KeyValues.parse(Files.readString(file, StandardCharsets.UTF_8));
            String id = file.getFileName().toString();
            byte[] salt = kv == null || kv.get("KeySalt") == null ? null : InviteCrypto.unb64(kv.get("KeySalt"));
            if (salt == null || kv.get("Node") == null || kv.get("Expires") == null) {
                return Optional.empty();
            }
            String node = kv.get("Node");
            Optional<Delegation> d = Optional.empty();
            if (kv.get("Subnet") != null) {
                d = Delegations.read(dir).stream().filter(x -> x.node().equals(node)).findFirst();
            }
            return Optional.of(new Invitation(id, node, Instant.parse(kv.get("Expires")).toEpochMilli(), salt,
                    "yes".equals(kv.get("Force")), d));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Writes via a 0600 temporary file and an atomic rename, so readers never see half a file. */
    static void writeAtomically(Path file, String text) throws IOException {
        Path dir = file.getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        }
        Path tmp = Files.createTempFile(dir, ".tmp", "", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    interface Locked<T> {
        T run() throws IOException;
    }

    /** Runs body holding both the JVM lock and the directory's file lock. */
    <T> T locked(Locked<T> body) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        }
        JVM_LOCK.lock();
        try (FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
            return body.run();
        } finally {
            JVM_LOCK.unlock();
        }
    }
}
