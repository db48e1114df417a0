package io.jtinc.protocol.meta;

import io.jtinc.crypto.Hex;

/**
 * One parsed meta request. {@link #format()} gives exactly the line tincd 1.0.36 would send (without the
 * {@code \n}): single spaces, nonces and options as lowercase {@code %x}, numbers as {@code %d}; hex strings are
 * written as stored, so build them with the {@code ofBytes} factories (uppercase, like bin2hex).
 * Nonces are C ints printed with %x, so they are formatted as unsigned 32-bit values.
 */
public sealed interface MetaRequest {
    RequestType type();

    /** The exact request line, without the trailing newline. */
    String format();

    private static String join(RequestType t, Object... fields) {
        StringBuilder sb = new StringBuilder(64).append(t.number());
        for (Object f : fields) {
            sb.append(' ').append(f);
        }
        return sb.toString();
    }

    private static String hex(int v) {
        return Integer.toHexString(v);
    }

    /** {@code 0 <name> <version>}; a 1.1 peer's "17.7" parses as version 17 (tincd reads it with %d). */
    record Id(String name, int version) implements MetaRequest {
        public RequestType type() { return RequestType.ID; }
        public String format() { return join(type(), name, version); }
    }

    /** {@code 1 <cipherNid> <digestNid> <maclen> <compression> <HEX(RSA ciphertext)>}. */
    record MetaKey(int cipherNid, int digestNid, int macLength, int compression, String keyHex) implements MetaRequest {
        public static MetaKey ofBytes(int cipherNid, int digestNid, int macLength, int compression, byte[] key) {
            return new MetaKey(cipherNid, digestNid, macLength, compression, Hex.upper(key));
        }
        public RequestType type() { return RequestType.METAKEY; }
        public String format() { return join(type(), cipherNid, digestNid, macLength, compression, keyHex); }
    }

    /** {@code 2 <HEX(challenge)>}. */
    record Challenge(String hex) implements MetaRequest {
        public static Challenge ofBytes(byte[] challenge) { return new Challenge(Hex.upper(challenge)); }
        public RequestType type() { return RequestType.CHALLENGE; }
        public String format() { return join(type(), hex); }
    }

    /** {@code 3 <HEX(digest(challenge))>}. */
    record ChalReply(String hex) implements MetaRequest {
        public static ChalReply ofBytes(byte[] reply) { return new ChalReply(Hex.upper(reply)); }
        public RequestType type() { return RequestType.CHAL_REPLY; }
        public String format() { return join(type(), hex); }
    }

    /** {@code 4 <port> <weight %d> <options %x>}. */
    record Ack(String port, int weight, int options) implements MetaRequest {
        public RequestType type() { return RequestType.ACK; }
        public String format() { return join(type(), port, weight, hex(options)); }
    }

    /** {@code 8}: PING has no random salt in 1.0.36, whatever the manual says. */
    record Ping() implements MetaRequest {
        public RequestType type() { return RequestType.PING; }
        public String format() { return "8"; }
    }

    /** {@code 9}. */
    record Pong() implements MetaRequest {
        public RequestType type() { return RequestType.PONG; }
        public String format() { return "9"; }
    }

    /** {@code 10 <nonce %x> <owner> <subnet>}; subnet is the raw net2str token (parse with SubnetSpec). */
    record AddSubnet(int nonce, String owner, String subnet) implements MetaRequest {
        public RequestType type() { return RequestType.ADD_SUBNET; }
        public String format() { return join(type(), hex(nonce), owner, subnet); }
    }

    /** {@code 11 <nonce %x> <owner> <subnet>}. */
    record DelSubnet(int nonce, String owner, String subnet) implements MetaRequest {
        public RequestType type() { return RequestType.DEL_SUBNET; }
        public String format() { return join(type(), hex(nonce), owner, subnet); }
    }

    /** {@code 12 <nonce> <from> <to> <address> <port> <options %x> <weight %d>} (options before weight, unlike doc/PROTOCOL). */
    record AddEdge(int nonce, String from, String to, String address, String port, int options, int weight)
            implements MetaRequest {
        public RequestType type() { return RequestType.ADD_EDGE; }
        public String format() { return join(type(), hex(nonce), from, to, address, port, hex(options), weight); }
    }

    /** {@code 13 <nonce %x> <from> <to>}. */
    record DelEdge(int nonce, String from, String to) implements MetaRequest {
        public RequestType type() { return RequestType.DEL_EDGE; }
        public String format() { return join(type(), hex(nonce), from, to); }
    }

    /** {@code 14 <nonce %x> <origin>}. */
    record KeyChanged(int nonce, String origin) implements MetaRequest {
        public RequestType type() { return RequestType.KEY_CHANGED; }
        public String format() { return join(type(), hex(nonce), origin); }
    }

    /** {@code 15 <from> <to>}: from wants the key that to owns. */
    record ReqKey(String from, String to) implements MetaRequest {
        public RequestType type() { return RequestType.REQ_KEY; }
        public String format() { return join(type(), from, to); }
    }

    /**
     * {@code 16 <from> <to> <HEX(key‖iv)> <cipher> <digest> <maclen> <compression> [<address> <port>]}; address and
     * port are null unless both are present (a relay appends the sender's UDP address it saw).
     */
    record AnsKey(String from, String to, String keyHex, int cipherNid, int digestNid, int macLength, int compression,
            String address, String port) implements MetaRequest {
        public RequestType type() { return RequestType.ANS_KEY; }
        public String format() {
            String base = join(type(), from, to, keyHex, cipherNid, digestNid, macLength, compression);
            return address == null ? base : base + ' ' + address + ' ' + port;
        }
    }

    /** {@code 17 <len>}, followed on the wire by len raw bytes (not part of the line). */
    record Packet(int length) implements MetaRequest {
        public RequestType type() { return RequestType.PACKET; }
        public String format() { return join(type(), length); }
    }
}
