package io.jtinc.crypto;

/** {@code Cipher = none}: tincd skips the EVP calls, the datagram carries the plaintext. */
final class NullCipherEngine implements CipherEngine {
    static final NullCipherEngine INSTANCE = new NullCipherEngine();

    private NullCipherEngine() {
    }

    @Override
    public int process(byte[] in, int inOff, int len, byte[] out, int outOff) {
        System.arraycopy(in, inOff, out, outOff, len);
        return len;
    }
}
