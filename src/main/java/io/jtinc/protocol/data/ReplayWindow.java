package io.jtinc.protocol.data;

/**
 * tincd 1.0.36's replay window (net_packet.c receive_udppacket; spec §5.4), per inbound key: a new key means a
 * new window, since seqnos restart at 1. Only fed with packets whose MAC verified, so a forged packet can never
 * move it. Sequence numbers are unsigned 32-bit on the wire and handled as {@code long} here.
 *
 * <p>Not thread-safe; owned by one {@link PacketDecoder}.
 */
public final class ReplayWindow {
    /** tincd's default ReplayWindow (bytes): 16, i.e. 128 sequence numbers. */
    public static final int DEFAULT_BYTES = 16;
    /** tincd's MAX_SEQNO: past it, the node's keys must be renewed early (spec §4.4). */
    public static final long MAX_SEQNO = 1L << 30;

    /** {@link #check} results. */
    public static final int ACCEPT = 0;
    /** Accepted after replaywin/4 far-future drops in a row: the window jumped ("Lost N packets"). */
    public static final int ACCEPT_RESYNC = 1;
    public static final int DROP_REPLAYED = 2;
    public static final int DROP_FAR_FUTURE = 3;

    private final int bytes;
    private final long width;
    private final byte[] late;
    private long received;
    private int farFuture;

    /** @param replayWindowBytes the ReplayWindow setting in bytes (0 disables every check); at most 1 MiB */
    public ReplayWindow(int replayWindowBytes) {
        if (replayWindowBytes < 0 || replayWindowBytes > 1 << 20) {
            throw new IllegalArgumentException("ReplayWindow out of range: " + replayWindowBytes);
        }
        this.bytes = replayWindowBytes;
        this.width = replayWindowBytes * 8L;
        this.late = new byte[replayWindowBytes];
    }

    /**
     * Applies the window to an authenticated packet's seqno and, when accepted, records it.
     *
     * @param seqno the unsigned 32-bit seqno (0..2^32-1)
     * @return {@link #ACCEPT}, {@link #ACCEPT_RESYNC}, {@link #DROP_REPLAYED} or {@link #DROP_FAR_FUTURE}
     */
    public int check(long seqno) {
        int result = ACCEPT;
        if (bytes > 0 && seqno != received + 1) {
            if (seqno >= received + width) {
                // A sender restart without a new key looks like this; tincd resyncs after replaywin/4 drops.
                if (farFuture++ < bytes >> 2) {
                    return DROP_FAR_FUTURE;
                }
                java.util.Arrays.fill(late, (byte) 0);
                result = ACCEPT_RESYNC;
            } else if (seqno <= received) {
                if ((received >= width && seqno <= received - width) || !lateBit(seqno)) {
                    return DROP_REPLAYED;
                }
            } else {
                for (long i = received + 1; i < seqno; i++) {
                    late[index(i)] |= (byte) (1 << (i % 8));
                }
            }
        }
        if (bytes > 0) {
            farFuture = 0;
            late[index(seqno)] &= (byte) ~(1 << (seqno % 8));
        }
        if (seqno > received) {
            received = seqno;
        }
        return result;
    }

    private boolean lateBit(long seqno) {
        return (late[index(seqno)] & (1 << (seqno % 8))) != 0;
    }

    private int index(long seqno) {
        return (int) ((seqno / 8) % bytes);
    }

    /** The highest seqno accepted so far (tincd's received_seqno), 0 before the first. */
    public long received() {
        return received;
    }

    /** Far-future packets dropped in a row so far. */
    public int farFutureStreak() {
        return farFuture;
    }

    /** Window width in sequence numbers (ReplayWindow × 8); 0 when disabled. */
    public long width() {
        return width;
    }

    /**
     * True once the received seqno passed 2^30: tincd then expires all its keys at once (keyexpires = 0), i.e.
     * sends KEY_CHANGED and new ANS_KEYs.
     */
    public boolean keyRenewalDue() {
        return received > MAX_SEQNO;
    }
}
