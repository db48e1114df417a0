package io.jtinc.invite;

import java.nio.charset.StandardCharsets;

/**
 * The invitation exchange on the wire, shared by both ends. All lines end in '\n', fields separated by one space:
 * <pre>
 * joiner: 0 ?ID 17.jtinc-invite JOINER_X25519          (looks like a tinc ID line; '?' is no valid name)
 * hub:    HELLO HUB_RSA_DER HUB_X25519 SIGNATURE        (signature over the transcript: the hub is authenticated)
 * joiner: DATA AES-GCM(key j→h, its public key)         (only a holder of the secret can make the hub's key)
 * hub:    DATA AES-GCM(key h→j, the enrolment)          or  NO MESSAGE SIGNATURE  (a signed refusal)
 * joiner: NO MESSAGE                                    when it refuses the hub (wrong fingerprint, bad signature)
 * </pre>
 * Binary fields are base64url without padding. The session keys come from HKDF-SHA256 over the X25519 secret,
 * salted with a hash of the invitation secret and bound to the transcript, so the secret itself is never sent.
 */
final class InviteWire {
    static final String VERSION = "17.jtinc-invite";
    static final String HELLO = "HELLO";
    static final String DATA = "DATA";
    static final String NO = "NO";
    /** Cap on one line (and so on every message): a peer cannot make either side buffer more. */
    static final int MAX_LINE = 16 * 1024;
    static final byte[] AAD_JOINER = "jtinc-invite joiner".getBytes(StandardCharsets.US_ASCII);
    static final byte[] AAD_HUB = "jtinc-invite hub".getBytes(StandardCharsets.US_ASCII);

    private InviteWire() {
    }

    static String firstLine(String id, byte[] joinerX25519) {
        return "0 ?" + id + " " + VERSION + " " + InviteCrypto.b64(joinerX25519);
    }

    /** What the hub signs for its HELLO: the joiner's first line and the HELLO without its signature. */
    static byte[] transcript(String firstLine, String helloBody) {
        return ("jtinc-invite-v1\n" + firstLine + "\n" + helloBody).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** What the hub signs for a refusal: the transcript so far and the refusal line without its signature. */
    static byte[] refusalTranscript(byte[] transcript, String noBody) {
        byte[] tail = ("\n" + noBody).getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[transcript.length + tail.length];
        System.arraycopy(transcript, 0, all, 0, transcript.length);
        System.arraycopy(tail, 0, all, transcript.length, tail.length);
        return all;
    }

    /** 64 bytes: the joiner→hub key, then the hub→joiner key. */
    static byte[][] sessionKeys(byte[] keySalt, byte[] shared, byte[] transcript) {
        byte[] okm = InviteCrypto.hkdf(keySalt, shared, transcript, 64);
        byte[] j2h = java.util.Arrays.copyOfRange(okm, 0, 32);
        byte[] h2j = java.util.Arrays.copyOfRange(okm, 32, 64);
        java.util.Arrays.fill(okm, (byte) 0);
        return new byte[][] {j2h, h2j};
    }

    static String b64Text(String text) {
        return InviteCrypto.b64(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a base64url UTF-8 message for display; null when it is not one. */
    static String textOf(String b64) {
        byte[] b = InviteCrypto.unb64(b64);
        return b == null ? null : sanitize(new String(b, StandardCharsets.UTF_8));
    }

    /** Peer text goes to logs and terminals: no control characters, bounded length. */
    static String sanitize(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), 300));
        for (int i = 0; i < s.length() && sb.length() < 300; i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return sb.toString();
    }

    static byte[] line(String text) {
        return (text + "\n").getBytes(StandardCharsets.ISO_8859_1);
    }
}
