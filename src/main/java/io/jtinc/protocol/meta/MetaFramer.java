package io.jtinc.protocol.meta;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The receive side of meta.c:receive_meta as a pull parser: raw TCP bytes go in with {@link #offer}, lines and
 * PACKET payloads come out of {@link #next}. Between two {@code next()} calls the owner may switch decryption on
 * ({@link #enableDecryption}); every byte still buffered at that moment is decrypted, so the cut-over is exact to
 * the byte even when the peer's METAKEY line and its first encrypted bytes arrived in one segment.
 * <p>
 * Like tincd, at most MAXBUFSIZE (2176) bytes are held: {@code offer} takes only what fits, and the owner must
 * check {@link #overflowed()} once {@code next()} returns null ("Metadata read buffer overflow"). A line plus its
 * newline therefore may be 2176 bytes long, not one more.
 */
final class MetaFramer {
    /** net.h: MAXBUFSIZE = max(MAXSIZE, 2048) + 128. */
    static final int MAXBUFSIZE = 2176;

    sealed interface Frame {
    }

    /** A line without its newline; bytes map 1:1 to chars (ISO-8859-1), truncated at a NUL as C strings are. */
    record Line(String text) implements Frame {
    }

    /** The len raw bytes that followed a {@code 17 <len>} line. */
    record Payload(byte[] bytes) implements Frame {
    }

    private final byte[] buf = new byte[MAXBUFSIZE];
    private int start;
    private int end;
    /** Bytes before this index (from start) are known to contain no newline. */
    private int scanned;
    private int packetLength = -1;
    private MetaStreamCipher decryptor;

    /**
     * Copies as many bytes from src as fit (advancing its position) and decrypts them if decryption is on.
     * @return the number of bytes taken
     */
    int offer(ByteBuffer src) {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            scanned -= start;
            start = 0;
        }
        int n = Math.min(src.remaining(), MAXBUFSIZE - end);
        src.get(buf, end, n);
        if (decryptor != null) {
            decryptor.update(buf, end, n);
        }
        end += n;
        return n;
    }

    /** From now on every unconsumed byte (already buffered or not) is ciphertext. */
    void enableDecryption(MetaStreamCipher cipher) {
        decryptor = cipher;
        cipher.update(buf, start, end - start);
    }

    boolean decrypting() {
        return decryptor != null;
    }

    /** After a {@code 17 <len>} line: the next len bytes are a payload, not lines. len 0 is a no-op, as in tincd. */
    void expectPacket(int len) {
        if (len > 0) {
            packetLength = len;
        }
    }

    /** The next complete frame, or null when more input is needed. */
    Frame next() {
        if (packetLength >= 0) {
            if (end - start < packetLength) {
                return null;
            }
            byte[] payload = new byte[packetLength];
            System.arraycopy(buf, start, payload, 0, packetLength);
            consume(packetLength);
            packetLength = -1;
            return new Payload(payload);
        }
        for (int i = Math.max(scanned, start); i < end; i++) {
            if (buf[i] == '\n') {
                int lineEnd = start;
                while (lineEnd < i && buf[lineEnd] != 0) {
                    lineEnd++;
                }
                String text = new String(buf, start, lineEnd - start, StandardCharsets.ISO_8859_1);
                consume(i + 1 - start);
                return new Line(text);
            }
        }
        scanned = end;
        return null;
    }

    /** True when the buffer is full without a complete frame: tincd's "Metadata read buffer overflow". */
    boolean overflowed() {
        return end - start >= MAXBUFSIZE;
    }

    /** Takes out every unconsumed byte (for a connection handed over to another protocol). */
    byte[] drain() {
        byte[] rest = java.util.Arrays.copyOfRange(buf, start, end);
        start = end;
        scanned = start;
        return rest;
    }

    /** Unconsumed bytes held. */
    int buffered() {
        return end - start;
    }

    private void consume(int n) {
        start += n;
        scanned = start;
    }
}
