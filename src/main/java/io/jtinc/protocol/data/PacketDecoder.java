package io.jtinc.protocol.data;

import io.jtinc.crypto.CipherEngine;
import io.jtinc.crypto.HmacEngine;
import io.jtinc.log.Log;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Receiving half of tinc's UDP data channel for one peer and one key: the inbound key we generated and sent in
 * ANS_KEY (net_packet.c receive_udppacket; spec §5.3). Order as tincd, and it matters: length check → MAC over
 * the ciphertext, constant time, <em>before</em> decrypting (no padding oracle, and a forged packet changes no
 * state) → decrypt and padding check → replay window → decompress. Build a new decoder (hence a new replay window)
 * for every key we generate.
 *
 * <p>Thread-confined (one event-loop thread); allocation-free per packet after construction, except the
 * exception JCA creates for a bad padding after a valid MAC. Every drop is counted and logged at debug level 5
 * with tincd's texts; nothing thrown escapes for any datagram content. {@link #close()} frees zlib state.
 */
public final class PacketDecoder implements AutoCloseable {
    private final DataKey key;
    private final String nodeName;
    private final String hostname;
    private final CipherEngine cipher;
    private final HmacEngine hmac;
    private final int macLength;
    private final ZlibCodec zlib;
    private final ReplayWindow window;
    private final byte[] wire = new byte[DataSizes.MAXSIZE];
    private final byte[] plain = new byte[DataSizes.MAXSIZE + 64];
    private final byte[] inflated;
    private final long[] drops = new long[DropReason.values().length];
    private long decoded;
    private long lastSeqno;
    private int lastPayloadLength;

    /**
     * @param key the inbound key we generated for this peer (our Cipher, Digest, MACLength, Compression)
     * @param replayWindowBytes the ReplayWindow setting (default {@link ReplayWindow#DEFAULT_BYTES}; 0 disables)
     */
    public PacketDecoder(DataKey key, int replayWindowBytes, String nodeName, String hostname) {
        this.key = Objects.requireNonNull(key);
        this.nodeName = nodeName;
        this.hostname = hostname;
        this.cipher = key.cipher().newEngine(false, key.material());
        this.macLength = key.effectiveMacLength();
        this.hmac = macLength > 0 ? key.digest().newHmac(key.material()) : null;
        this.zlib = key.compression() > 0 ? new ZlibCodec(key.compression()) : null;
        this.inflated = zlib != null ? new byte[DataSizes.MAXSIZE + 1] : null;
        this.window = new ReplayWindow(replayWindowBytes);
    }

    /**
     * Decodes the datagram {@code src[srcOff, srcOff+len)} and writes the frame to {@code dst[dstOff, ...)}.
     * Absolute indexes: no position, limit or mark changes; {@code src} is only read and may be reused as soon as
     * this returns; {@code dst} needs the frame's room below its limit ({@link DataSizes#MAXSIZE} always
     * suffices). On success {@link #lastSeqno()} and {@link #lastPayloadLength()} describe the packet.
     *
     * @return the frame length (≥ 14), or a negative {@link DropReason#code()}
     */
    public int decode(ByteBuffer src, int srcOff, int len, ByteBuffer dst, int dstOff) {
        if (len < DataSizes.SEQNO_LENGTH + macLength) {
            trace("Got too short packet from ");
            return drop(DropReason.TOO_SHORT);
        }
        if (len > DataSizes.MAXSIZE) {
            trace("Got too long packet from ");
            return drop(DropReason.OVERSIZE);
        }
        src.get(srcOff, wire, 0, len);
        int ciphertext = len - macLength;
        if (macLength > 0 && !hmac.verify(wire, 0, ciphertext, wire, ciphertext, macLength)) {
            trace("Got unauthenticated packet from ");
            return drop(DropReason.BAD_MAC);
        }
        int plainLength = cipher.process(wire, 0, ciphertext, plain, 0);
        if (plainLength < DataSizes.SEQNO_LENGTH) {
            trace("Error decrypting packet from ");
            return drop(DropReason.DECRYPT_FAILED);
        }
        long seqno = (plain[0] & 0xFFL) << 24 | (plain[1] & 0xFF) << 16 | (plain[2] & 0xFF) << 8 | (plain[3] & 0xFF);
        long before = window.received();
        switch (window.check(seqno)) {
            case ReplayWindow.DROP_REPLAYED:
                if (Log.enabled(Log.TRAFFIC)) {
                    Log.debug(Log.TRAFFIC, "Got late or replayed packet from " + nodeName + " (" + hostname
                            + "), seqno " + seqno + ", last received " + before);
                }
                return drop(DropReason.REPLAYED);
            case ReplayWindow.DROP_FAR_FUTURE:
                if (Log.enabled(Log.TRAFFIC)) {
                    Log.debug(Log.TRAFFIC, "Packet from " + nodeName + " (" + hostname + ") is "
                            + (seqno - before - 1) + " seqs in the future, dropped (" + window.farFutureStreak() + ")");
                }
                return drop(DropReason.FAR_FUTURE);
            case ReplayWindow.ACCEPT_RESYNC:
                if (Log.enabled(Log.TRAFFIC)) {
                    Log.debug(Log.TRAFFIC, "Lost " + (seqno - before - 1) + " packets from " + nodeName + " ("
                            + hostname + ")");
                }
                break;
            default:
                break;
        }
        int payload = plainLength - DataSizes.SEQNO_LENGTH;
        lastSeqno = seqno;
        lastPayloadLength = payload;
        byte[] frame = plain;
        int frameOff = DataSizes.SEQNO_LENGTH;
        int frameLength = payload;
        if (zlib != null) {
            frameLength = zlib.decompress(plain, DataSizes.SEQNO_LENGTH, payload, inflated, 0, DataSizes.MAXSIZE);
            if (frameLength < 0) {
                trace("Error while uncompressing packet from ");
                return drop(frameLength == ZlibCodec.TOO_LARGE ? DropReason.DECOMPRESS_OVERSIZE
                        : DropReason.DECOMPRESS_FAILED);
            }
            frame = inflated;
            frameOff = 0;
        }
        if (frameLength < 14) {
            trace("Got runt frame from ");
            return drop(DropReason.RUNT_FRAME);
        }
        if (dstOff < 0 || dstOff + frameLength > dst.limit()) {
            return drop(DropReason.DESTINATION_TOO_SMALL);
        }
        dst.put(dstOff, frame, frameOff, frameLength);
        decoded++;
        return frameLength;
    }

    /** Seqno of the last delivered packet. */
    public long lastSeqno() {
        return lastSeqno;
    }

    /**
     * Length of the last delivered packet after the seqno and before decompression: what tincd passes to
     * mtu_probe_h as the probe length (hand it to {@link PmtuProber#onProbeReply} with {@link #compressed()}).
     */
    public int lastPayloadLength() {
        return lastPayloadLength;
    }

    /** True when this key's packets are compressed (our Compression > 0). */
    public boolean compressed() {
        return zlib != null;
    }

    /** Highest seqno accepted (tincd's received_seqno). */
    public long receivedSeqno() {
        return window.received();
    }

    /** The received seqno passed 2^30: renew keys now (tincd sets keyexpires = 0; spec §4.4). */
    public boolean keyRenewalDue() {
        return window.keyRenewalDue();
    }

    public long decodedCount() {
        return decoded;
    }

    public long dropCount(DropReason reason) {
        return drops[reason.ordinal()];
    }

    public DataKey key() {
        return key;
    }

    private void trace(String prefix) {
        if (Log.enabled(Log.TRAFFIC)) {
            Log.debug(Log.TRAFFIC, prefix + nodeName + " (" + hostname + ")");
        }
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
