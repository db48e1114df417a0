package io.jtinc.invite;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Splits received bytes into '\n'-terminated lines, holding at most {@link InviteWire#MAX_LINE} bytes. */
final class LineReader {
    private final byte[] buf = new byte[InviteWire.MAX_LINE];
    private int length;
    private boolean overflowed;

    /** Takes all of src; remembers an overflow instead of growing. */
    void offer(ByteBuffer src) {
        int n = Math.min(src.remaining(), buf.length - length);
        src.get(buf, length, n);
        length += n;
        if (src.hasRemaining()) {
            overflowed = true;
            src.position(src.limit());
        }
    }

    /** The next complete line without its newline (ISO-8859-1), or null. */
    String next() {
        for (int i = 0; i < length; i++) {
            if (buf[i] == '\n') {
                String line = new String(buf, 0, i, StandardCharsets.ISO_8859_1);
                System.arraycopy(buf, i + 1, buf, 0, length - i - 1);
                length -= i + 1;
                return line;
            }
        }
        if (length == buf.length) {
            overflowed = true;
        }
        return null;
    }

    boolean overflowed() {
        return overflowed;
    }
}
