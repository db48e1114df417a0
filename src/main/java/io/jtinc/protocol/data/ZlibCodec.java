package io.jtinc.protocol.data;

import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * tinc's compression levels 1..9: zlib {@code compress2}/{@code uncompress}, i.e. RFC 1950 streams with the
 * 2-byte header and Adler-32 (so {@code Deflater}/{@code Inflater} without nowrap). Both directions are bounded
 * like tincd's 1661-byte output buffer: a stream that would inflate further is a failure, and inflation stops at
 * the bound, so a decompression bomb costs at most MAXSIZE bytes of work. Reuses one Deflater/Inflater.
 *
 * <p>Not thread-safe; call {@link #close()} to free the native zlib state when the key is dropped.
 */
final class ZlibCodec implements AutoCloseable {
    static final int FAILED = -1;
    static final int TOO_LARGE = -2;

    private final Deflater deflater;
    private final Inflater inflater = new Inflater();

    ZlibCodec(int level) {
        this.deflater = new Deflater(level);
    }

    /** Compresses into {@code out[outOff, outOff+max)}; returns the length or FAILED if it does not fit. */
    int compress(byte[] in, int inOff, int len, byte[] out, int outOff, int max) {
        deflater.reset();
        deflater.setInput(in, inOff, len);
        deflater.finish();
        int n = deflater.deflate(out, outOff, max);
        return deflater.finished() ? n : FAILED;
    }

    /**
     * Inflates one complete zlib stream into {@code out[outOff, outOff+max)}. Trailing bytes after the stream are
     * ignored, like zlib's uncompress.
     *
     * @return the length (&gt; 0), FAILED (corrupt, truncated or empty), or TOO_LARGE (more than {@code max})
     */
    int decompress(byte[] in, int inOff, int len, byte[] out, int outOff, int max) {
        inflater.reset();
        inflater.setInput(in, inOff, len);
        try {
            // One extra byte of room tells "exactly max" from "more than max" without a second buffer.
            int n = inflater.inflate(out, outOff, max + 1);
            if (n > max) {
                return TOO_LARGE;
            }
            if (!inflater.finished() || n == 0) {
                return FAILED; // truncated, needs a dictionary, or empty (tincd treats length 0 as an error)
            }
            return n;
        } catch (DataFormatException e) {
            return FAILED;
        }
    }

    @Override
    public void close() {
        deflater.end();
        inflater.end();
    }
}
