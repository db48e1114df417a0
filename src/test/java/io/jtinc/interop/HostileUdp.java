package io.jtinc.interop;

import io.jtinc.protocol.data.AnsKeyCheck;
import io.jtinc.protocol.data.DataKey;
import io.jtinc.protocol.data.MtuProbes;
import io.jtinc.protocol.data.PacketEncoder;
import io.jtinc.protocol.meta.MetaRequest;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The UDP half of the attack, run on the attacker namespace's thread. "known" is a socket on mallory's own
 * address and port (the hub maps it to mallory and decodes with mallory's key); "stranger" is an ephemeral port
 * the hub has never seen (it goes through try_harder, the trial decode with every key the hub handed out).
 */
final class HostileUdp {
    /** What was sent, for the assertions. */
    static final class Sent {
        int valid;
        int replayedFromKnown;
        int bitFlippedFromKnown;
        int truncatedFromKnown;
        int randomFromKnown;
        int randomFromStranger;
        int replayedFromStranger;
        int capturedReplays;
    }

    private final Random random = new Random(4711);
    private final InetSocketAddress hub;

    HostileUdp(InetSocketAddress hub) {
        this.hub = hub;
    }

    Sent run(MetaRequest.AnsKey key, InetSocketAddress mine, List<byte[]> captured) throws Exception {
        Sent s = new Sent();
        DataKey dataKey = AnsKeyCheck.check(key.keyHex(), key.cipherNid(), key.digestNid(), key.macLength(),
                key.compression()).key().orElseThrow();
        List<byte[]> valid = new ArrayList<>();
        try (PacketEncoder enc = new PacketEncoder(dataKey, "hub", "attacker");
             DatagramSocket known = new DatagramSocket(mine);
             DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(mine.getAddress(), 0))) {
            // Real datagrams: small MTU probe requests, which the hub answers and otherwise ignores.
            for (int i = 0; i < 3; i++) {
                ByteBuffer frame = ByteBuffer.allocate(200);
                MtuProbes.writeRequest(frame, 0, 100, new java.util.SplittableRandom(i));
                ByteBuffer out = ByteBuffer.allocate(400);
                int len = enc.encode(frame, 0, 100, out, 0);
                byte[] d = new byte[len];
                out.get(0, d);
                valid.add(d);
                send(known, d);
                s.valid++;
                Thread.sleep(20);
            }
            Thread.sleep(200);
            for (int r = 0; r < 5; r++) {
                for (byte[] d : valid) {
                    send(known, d);
                    s.replayedFromKnown++;
                }
            }
            for (int i = 0; i < 50; i++) {
                byte[] d = valid.get(i % valid.size()).clone();
                int bit = random.nextInt(d.length * 8);
                d[bit / 8] ^= (byte) (1 << (bit % 8));
                send(known, d);
                s.bitFlippedFromKnown++;
            }
            for (int i = 0; i < 30; i++) {
                byte[] d = valid.get(i % valid.size());
                send(known, java.util.Arrays.copyOf(d, random.nextInt(d.length)));
                s.truncatedFromKnown++;
            }
            for (int i = 0; i < 100; i++) {
                send(known, randomBytes(random.nextInt(2001)));
                s.randomFromKnown++;
            }
            // From the stranger, paced: try_harder has a budget of 200 trial decodes per second. At most 1600
            // bytes: a longer one fails the first trial as "oversize" rather than "bad MAC" and is counted as a
            // drop of that node (udp_drop_other), not as an unknown source.
            for (int i = 0; i < 100; i++) {
                send(stranger, randomBytes(random.nextInt(1601)));
                s.randomFromStranger++;
                Thread.sleep(12);
            }
            for (byte[] d : valid) {
                send(stranger, d);
                s.replayedFromStranger++;
                Thread.sleep(12);
            }
            // The peer's real datagrams from another address: a valid MAC, so try_harder finds the peer's key,
            // but the replay window must drop them and the peer's address must not move here (§5.8).
            for (byte[] d : captured) {
                send(stranger, d);
                s.capturedReplays++;
                Thread.sleep(12);
            }
        }
        return s;
    }

    /**
     * Paced (2 ms): a back-to-back burst of ~200 datagrams of up to 2000 bytes overflows the hub's default socket
     * receive buffer, and the kernel would drop some before the daemon could count them.
     */
    private void send(DatagramSocket socket, byte[] d) throws IOException {
        socket.send(new DatagramPacket(d, d.length, hub));
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** UDP payloads from a pcap file (Ethernet, IPv4) as tcpdump -w writes it. */
    static List<byte[]> udpPayloads(Path pcap) throws IOException {
        List<byte[]> out = new ArrayList<>();
        if (!Files.exists(pcap)) {
            return out;
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(pcap));
        if (b.remaining() < 24) {
            return out;
        }
        b.order(b.getInt(0) == 0xa1b2c3d4 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        b.position(24);
        while (b.remaining() >= 16) {
            b.getInt();
            b.getInt();
            int incl = b.getInt();
            b.getInt();
            if (incl > b.remaining()) {
                break;
            }
            int start = b.position();
            b.position(start + incl);
            int ethType = ((b.get(start + 12) & 0xff) << 8) | (b.get(start + 13) & 0xff);
            if (ethType != 0x0800) {
                continue;
            }
            int ip = start + 14;
            int ihl = (b.get(ip) & 0x0f) * 4;
            if (b.get(ip + 9) != 17) {
                continue;
            }
            int udp = ip + ihl;
            int udpLen = ((b.get(udp + 4) & 0xff) << 8) | (b.get(udp + 5) & 0xff);
            int payloadLen = Math.min(udpLen - 8, start + incl - udp - 8);
            if (payloadLen > 0) {
                byte[] p = new byte[payloadLen];
                b.get(udp + 8, p);
                out.add(p);
            }
        }
        return out;
    }
}
