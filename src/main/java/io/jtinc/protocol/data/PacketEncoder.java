package io.jtinc.protocol.data;

import io.jtinc.crypto.CipherEngine;
import io.jtinc.crypto.HmacEngine;
import io.jtinc.log.Log;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Sending half of tinc's UDP data channel for one peer and one key (net_packet.c send_udppacket steps 3-6):
 * {@code [compress] → seqno(4, BE) ‖ payload → encrypt (same IV every packet, PKCS#7 in CBC) → ‖ first maclen
 * bytes of HMAC(full key material, ciphertext)}. It owns the send seqno, which starts at 1 for every key: build a
 * new encoder for each ANS_KEY accepted from the peer (tincd resets sent_seqno there).
 *
 * <p>Thread-confined (one event-loop thread); allocation-free per packet after construction. {@link #close()}
 * frees zlib's native state when the key is replaced.
 */
public final class PacketEncoder implements AutoCloseable {
    private final DataKey key;
    private final String who;
    private final CipherEngine cipher;
    private final HmacEngine hmac;
    private final int macLength;
    private final ZlibCodec zlib;
    private final byte[] frame;
    private final byte[] plain = new byte[DataSizes.SEQNO_LENGTH + DataSizes.MAXSIZE];
    private final byte[] wire = new byte[DataSizes.MAX_DATAGRAM];
    private final long[] drops = new long[DropReason.values().length];
    private long sentSeqno;
    private long encoded;

    /**
     * @param key the key the peer sent us in ANS_KEY (its choice of cipher, digest, MAC length, compression)
     * @param nodeName peer name, hostname: only for tincd's log lines ("X (Y)")
     */
    public PacketEncoder(DataKey key, String nodeName, String hostname) {
        this.key = Objects.requireNonNull(key);
        this.who = nodeName + " (" + hostname + ")";
        this.cipher = key.cipher().newEngine(true, key.material());
        this.macLength = key.effectiveMacLength();
        this.hmac = macLength > 0 ? key.digest().newHmac(key.material()) : null;
        this.zlib = key.compression() > 0 ? new ZlibCodec(key.compression()) : null;
        this.frame = zlib != null ? new byte[DataSizes.MAXSIZE] : null;
    }

    /**
     * Encodes {@code src[srcOff, srcOff+len)} (an Ethernet frame, or an MTU probe) with the next seqno and writes
     * the datagram to {@code dst[dstOff, ...)}. Absolute indexes: neither buffer's position, limit or mark
     * changes; {@code src} is only read; {@code dst} (heap or direct) must have the datagram's room below its
     * limit ({@link DataSizes#MAX_DATAGRAM} always suffices). The seqno is consumed as soon as compression
     * succeeded, even if the datagram later turns out not to fit or is never sent (tincd does the same).
     *
     * @return the datagram length, or a negative {@link DropReason#code()} (FRAME_TOO_LARGE, COMPRESS_FAILED,
     *     DESTINATION_TOO_SMALL); never throws for bad data
     */
    public int encode(ByteBuffer src, int srcOff, int len, ByteBuffer dst, int dstOff) {
        if (len < 0 || len > DataSizes.MAXSIZE) {
            return drop(DropReason.FRAME_TOO_LARGE);
        }
        int payload;
        if (zlib != null) {
            src.get(srcOff, frame, 0, len);
            payload = zlib.compress(frame, 0, len, plain, DataSizes.SEQNO_LENGTH, DataSizes.MAXSIZE);
            if (payload < 0) {
                if (Log.enabled(Log.TRAFFIC)) {
                    Log.error("Error while compressing packet to " + who);
                }
                return drop(DropReason.COMPRESS_FAILED);
            }
        } else {
            src.get(srcOff, plain, DataSizes.SEQNO_LENGTH, len);
            payload = len;
        }
        long seqno = ++sentSeqno & 0xFFFFFFFFL;
        plain[0] = (byte) (seqno >>> 24);
        plain[1] = (byte) (seqno >>> 16);
        plain[2] = (byte) (seqno >>> 8);
        plain[3] = (byte) seqno;
        int n = cipher.process(plain, 0, DataSizes.SEQNO_LENGTH + payload, wire, 0);
        if (n < 0) {
            Log.error("Error while encrypting packet to " + who);
            return drop(DropReason.ENCRYPT_FAILED);
        }
        if (macLength > 0) {
            System.arraycopy(hmac.compute(wire, 0, n), 0, wire, n, macLength);
            n += macLength;
        }
        if (dstOff < 0 || dstOff + n > dst.limit()) {
            return drop(DropReason.DESTINATION_TOO_SMALL);
        }
        dst.put(dstOff, wire, 0, n);
        encoded++;
        return n;
    }

    /** The seqno of the last encoded packet (0 before the first). */
    public long lastSeqno() {
        return sentSeqno & 0xFFFFFFFFL;
    }

    /** Packets encoded successfully. */
    public long encodedCount() {
        return encoded;
    }

    /** How many frames were refused for this reason. */
    public long dropCount(DropReason reason) {
        return drops[reason.ordinal()];
    }

    public DataKey key() {
        return key;
    }

    private int drop(DropReason reason) {
        drops[reason.ordinal()]++;
        return reason.code();
    }

    @Override
    public void close() {
        if (zlib != null) {
            zlib.close();
        }
    }
}
