package io.jtinc.protocol.meta;

import io.jtinc.config.NodeNames;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one received line (without its newline) into a {@link MetaRequest}, with the field rules of tincd's
 * sscanf formats: whitespace-separated tokens, extra trailing tokens ignored, %s tokens at most 2048 characters
 * (MAX_STRING), every name [A-Za-z0-9_]+. Numbers are stricter than sscanf (no trailing garbage, no overflow),
 * except the ID version, where "17.7" from tinc 1.1 must read as 17 exactly as %d does.
 */
public final class RequestParser {
    /** MAX_STRING "%2048s" in protocol.h. */
    public static final int MAX_TOKEN = 2048;

    private RequestParser() {
    }

    /** The request number of a line, as receive_request's leading %d; validates 0..17 and the handler rule. */
    public static RequestType requestType(String line) throws MalformedRequestException {
        List<String> t = tokens(line);
        if (t.isEmpty()) {
            throw new MalformedRequestException(Rejection.BOGUS_DATA, null, null);
        }
        Integer n = leadingInt(t.get(0));
        if (n == null) {
            throw new MalformedRequestException(Rejection.BOGUS_DATA, null, null);
        }
        RequestType type = RequestType.ofNumber(n);
        if (type == null || !type.hasHandler()) {
            throw new MalformedRequestException(Rejection.UNKNOWN_REQUEST, null, null);
        }
        return type;
    }

    public static MetaRequest parse(String line) throws MalformedRequestException {
        RequestType type = requestType(line);
        Fields f = new Fields(type, tokens(line));
        return switch (type) {
            case ID -> new MetaRequest.Id(f.name(1), f.version(2));
            case METAKEY -> new MetaRequest.MetaKey(f.dec(1), f.dec(2), f.dec(3), f.dec(4), f.str(5));
            case CHALLENGE -> new MetaRequest.Challenge(f.str(1));
            case CHAL_REPLY -> new MetaRequest.ChalReply(f.str(1));
            case ACK -> new MetaRequest.Ack(f.str(1), f.dec(2), f.hex(3));
            case PING -> new MetaRequest.Ping();
            case PONG -> new MetaRequest.Pong();
            case ADD_SUBNET -> new MetaRequest.AddSubnet(f.hex(1), f.name(2), f.str(3));
            case DEL_SUBNET -> new MetaRequest.DelSubnet(f.hex(1), f.name(2), f.str(3));
            case ADD_EDGE -> {
                int nonce = f.hex(1);
                String from = f.name(2);
                String to = f.name(3);
                f.distinct(from, to);
                yield new MetaRequest.AddEdge(nonce, from, to, f.str(4), f.str(5), f.hex(6), f.dec(7));
            }
            case DEL_EDGE -> {
                int nonce = f.hex(1);
                String from = f.name(2);
                String to = f.name(3);
                f.distinct(from, to);
                yield new MetaRequest.DelEdge(nonce, from, to);
            }
            case KEY_CHANGED -> new MetaRequest.KeyChanged(f.hex(1), f.name(2));
            case REQ_KEY -> new MetaRequest.ReqKey(f.name(1), f.name(2));
            case ANS_KEY -> {
                // sscanf must fill at least 7 fields; the relay-appended address and port are optional.
                boolean withAddress = f.count() > 9;
                yield new MetaRequest.AnsKey(f.name(1), f.name(2), f.str(3), f.dec(4), f.dec(5), f.dec(6), f.dec(7),
                        withAddress ? f.str(8) : null, withAddress ? f.str(9) : null);
            }
            case PACKET -> {
                int len = f.dec(1);
                // %hu: tincd reads an unsigned short; anything else is garbage rather than a length.
                if (len < 0 || len > 0xFFFF) {
                    throw f.bad(null);
                }
                yield new MetaRequest.Packet(len);
            }
            default -> throw new MalformedRequestException(Rejection.UNKNOWN_REQUEST, null, null);
        };
    }

    /** sscanf's whitespace: space, \t, \n, \v, \f, \r. */
    static List<String> tokens(String line) {
        List<String> out = new ArrayList<>(8);
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && isSpace(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSpace(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(line.substring(start, i));
            }
        }
        return out;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** C's %d on a token: optional sign, digits, stops at the first non-digit; null without digits or on overflow. */
    static Integer leadingInt(String token) {
        int i = 0;
        if (i < token.length() && (token.charAt(i) == '-' || token.charAt(i) == '+')) {
            i++;
        }
        int digitsStart = i;
        while (i < token.length() && token.charAt(i) >= '0' && token.charAt(i) <= '9') {
            i++;
        }
        if (i == digitsStart || i - digitsStart > 10) {
            return null;
        }
        long v = Long.parseLong(token.substring(0, i));
        return v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? null : (int) v;
    }

    /** Positional access to the tokens of one request; every accessor throws "Got bad TYPE" when unusable. */
    private static final class Fields {
        private final RequestType type;
        private final List<String> t;

        Fields(RequestType type, List<String> tokens) {
            this.type = type;
            this.t = tokens;
        }

        int count() {
            return t.size();
        }

        MalformedRequestException bad(String detail) {
            return new MalformedRequestException(Rejection.BAD_REQUEST, type, detail);
        }

        String str(int i) throws MalformedRequestException {
            if (i >= t.size()) {
                throw bad(null);
            }
            String s = t.get(i);
            if (s.length() > MAX_TOKEN) {
                throw bad("token longer than " + MAX_TOKEN + " characters");
            }
            return s;
        }

        String name(int i) throws MalformedRequestException {
            String s = str(i);
            if (!NodeNames.isValid(s)) {
                throw new MalformedRequestException(Rejection.INVALID_NAME, type, "invalid name");
            }
            return s;
        }

        void distinct(String from, String to) throws MalformedRequestException {
            // 1.0.35+: an edge from a node to itself is refused with the same text as a bad name.
            if (from.equals(to)) {
                throw new MalformedRequestException(Rejection.INVALID_NAME, type, "invalid name");
            }
        }

        int dec(int i) throws MalformedRequestException {
            String s = str(i);
            Integer v = leadingInt(s);
            if (v == null || String.valueOf(v).length() != s.length() - (s.startsWith("+") ? 1 : 0)) {
                throw bad(null);
            }
            return v;
        }

        /** The ID version: %d semantics on purpose, so "17.7" (tinc 1.1) reads as 17. */
        int version(int i) throws MalformedRequestException {
            Integer v = leadingInt(str(i));
            if (v == null) {
                throw bad(null);
            }
            return v;
        }

        /** %x as tincd prints it: 1-8 hex digits, read as an unsigned 32-bit value. */
        int hex(int i) throws MalformedRequestException {
            String s = str(i);
            if (s.isEmpty() || s.length() > 8) {
                throw bad(null);
            }
            for (int k = 0; k < s.length(); k++) {
                if (Character.digit(s.charAt(k), 16) < 0 || s.charAt(k) > 'f') {
                    throw bad(null);
                }
            }
            return (int) Long.parseLong(s, 16);
        }
    }
}
