package io.jtinc.invite;

import io.jtinc.config.NodeNames;

/**
 * {@code jtinc://HOST:PORT/NET/FINGERPRINT/SECRET}: where the hub listens, the net's name, base64url SHA-256 of
 * the hub's RSA public key (DER) and the single-use secret (24 random bytes, base64url). An IPv6 host is written
 * in brackets. The secret authenticates the joiner; the fingerprint authenticates the hub.
 */
public record InviteUrl(String host, int port, String net, String fingerprint, byte[] secret) {
    public static final String SCHEME = "jtinc://";
    public static final int SECRET_BYTES = 24;
    /** base64url (no padding) of a SHA-256 digest. */
    static final int FINGERPRINT_CHARS = 43;

    public InviteUrl {
        secret = secret.clone();
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    public String format() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return SCHEME + h + ":" + port + "/" + net + "/" + fingerprint + "/" + InviteCrypto.b64(secret);
    }

    /** @throws IllegalArgumentException with a message for the user when the text is not an invitation URL */
    public static InviteUrl parse(String text) {
        String t = text.trim();
        if (!t.startsWith(SCHEME)) {
            throw bad("it does not start with " + SCHEME);
        }
        String[] parts = t.substring(SCHEME.length()).split("/", -1);
        if (parts.length != 4) {
            throw bad("expected " + SCHEME + "HOST:PORT/NET/FINGERPRINT/SECRET");
        }
        String authority = parts[0];
        String host;
        String portText;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0 || close + 1 >= authority.length() || authority.charAt(close + 1) != ':') {
                throw bad("an IPv6 host must be written [ADDRESS]:PORT");
            }
            host = authority.substring(1, close);
            portText = authority.substring(close + 2);
        } else {
            int colon = authority.lastIndexOf(':');
            if (colon <= 0) {
                throw bad("the host needs a port (HOST:PORT)");
            }
            host = authority.substring(0, colon);
            portText = authority.substring(colon + 1);
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw bad("invalid port '" + portText + "'");
        }
        if (host.isEmpty() || port < 1 || port > 65535) {
            throw bad("invalid host or port");
        }
        String net = parts[1];
        if (!NodeNames.isValid(net)) {
            throw bad("invalid net name '" + net + "'");
        }
        String fp = parts[2];
        if (fp.length() != FINGERPRINT_CHARS || InviteCrypto.unb64(fp) == null) {
            throw bad("the hub's fingerprint is not " + FINGERPRINT_CHARS + " base64url characters");
        }
        byte[] secret = InviteCrypto.unb64(parts[3]);
        if (secret == null || secret.length != SECRET_BYTES) {
            throw bad("the secret is not " + SECRET_BYTES + " bytes of base64url");
        }
        return new InviteUrl(host, port, net, fp, secret);
    }

    private static IllegalArgumentException bad(String why) {
        return new IllegalArgumentException("not a jtinc invitation URL: " + why);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InviteUrl u && u.format().equals(format());
    }

    @Override
    public int hashCode() {
        return format().hashCode();
    }

    /** Never prints the secret (URLs end up in logs). */
    @Override
    public String toString() {
        return "InviteUrl[" + host + ":" + port + "/" + net + "/" + fingerprint + "/…]";
    }
}
