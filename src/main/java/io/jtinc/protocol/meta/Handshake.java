package io.jtinc.protocol.meta;

import io.jtinc.crypto.Hex;

import io.jtinc.crypto.ConstantTime;
import io.jtinc.log.Log;
import java.util.Arrays;
import java.util.List;

/**
 * The authentication handlers of one connection (protocol_auth.c: id_h, metakey_h, challenge_h, chal_reply_h,
 * ack_h and their send_ counterparts), in tincd 1.0.35+ order. Each handler either advances the connection or
 * throws {@link MetaConnection.Reject} with tincd's log text.
 */
final class Handshake {
    private final AuthConfig cfg;
    private final MetaConnection c;
    private PeerCredentials peer;
    /** The digest the peer announced: we answer its challenge with it (c->indigest). */
    private int inDigest;
    /** The challenge we sent (c->hischallenge), checked with our own digest, sha256. */
    private byte[] hisChallenge;
    /** The challenge we received (c->mychallenge); the responder answers it only after verifying the peer. */
    private byte[] myChallenge;
    private int sentOptions;
    private int myWeight;

    Handshake(AuthConfig cfg, MetaConnection c) {
        this.cfg = cfg;
        this.c = c;
    }

    void handle(MetaRequest req, long now, List<MetaAction> out) throws MetaConnection.Reject {
        if (req instanceof MetaRequest.Id id) {
            id(id, out);
        } else if (req instanceof MetaRequest.MetaKey mk) {
            metaKey(mk, out);
        } else if (req instanceof MetaRequest.Challenge ch) {
            challenge(ch, out);
        } else if (req instanceof MetaRequest.ChalReply cr) {
            chalReply(cr, now, out);
        } else if (req instanceof MetaRequest.Ack ack) {
            ack(ack, out);
        } else {
            throw new IllegalArgumentException("not a handshake request: " + req.type());
        }
    }

    private MetaConnection.Reject reject(Rejection r, String reason) {
        return new MetaConnection.Reject(r, reason);
    }

    private void id(MetaRequest.Id id, List<MetaAction> out) throws MetaConnection.Reject {
        String name = id.name();
        if (name.equals(cfg.myName())) {
            throw reject(Rejection.INVALID_NAME, "Got bad ID from " + c.who() + ": invalid name");
        }
        if (c.outgoing()) {
            if (!name.equals(c.peerName())) {
                throw reject(Rejection.WRONG_PEER_NAME,
                        "Peer " + c.remote() + " is " + name + " instead of " + c.peerName());
            }
        } else {
            c.adoptName(name);
        }
        if (id.version() != MetaConnection.PROTOCOL_VERSION) {
            throw reject(Rejection.INCOMPATIBLE_VERSION,
                    "Peer " + c.who() + " uses incompatible version " + id.version());
        }
        try {
            peer = cfg.peerLookup().lookup(name);
        } catch (PeerLookup.UnknownPeerException e) {
            Log.debug(Log.CONNECTIONS, "Lookup of " + name + " failed: " + e.getMessage());
            throw reject(Rejection.UNKNOWN_IDENTITY, "Peer " + c.remote() + " had unknown identity (" + name + ")");
        }
        int len = RawRsa.size(peer.publicKey());
        if (len < MetaCiphers.keyLength(cfg.metaCipherNid()) + MetaCiphers.IV_LENGTH) {
            throw reject(Rejection.UNKNOWN_IDENTITY, "Peer " + c.remote() + " had unknown identity (" + name
                    + "): its RSA key is too small for the meta cipher");
        }
        c.advance(RequestType.METAKEY);
        if (!c.outgoing()) {
            c.send(out, new MetaRequest.Id(cfg.myName(), MetaConnection.PROTOCOL_VERSION).format());
        }
        sendMetaKey(len, out);
    }

    private void sendMetaKey(int len, List<MetaAction> out) {
        byte[] s = new byte[len];
        cfg.random().nextBytes(s);
        // Keeps S below the modulus, which is at least 2^(8len-1) (protocol_auth.c).
        s[0] &= 0x7F;
        byte[] encrypted = RawRsa.encrypt(peer.publicKey(), s);
        int nid = cfg.metaCipherNid();
        c.send(out, MetaRequest.MetaKey.ofBytes(nid, MetaDigests.SHA256, 0, 0, encrypted).format());
        // Everything we write after the METAKEY line is encrypted.
        c.enableEncryption(MetaCiphers.create(nid, true, s));
        Arrays.fill(s, (byte) 0);
    }

    private void metaKey(MetaRequest.MetaKey mk, List<MetaAction> out) throws MetaConnection.Reject {
        int len = cfg.ownKeySize();
        if (mk.keyHex().length() != 2 * len) {
            throw reject(Rejection.WRONG_KEY_LENGTH, "Possible intruder " + c.who() + ": wrong keylength");
        }
        byte[] encrypted = Hex.decode(mk.keyHex());
        if (encrypted == null) {
            // tincd's text has no space before the parenthesis here.
            throw reject(Rejection.INVALID_HEX,
                    "Got bad METAKEY from " + c.peerName() + "(" + c.remote() + "): invalid key");
        }
        byte[] s = RawRsa.decrypt(cfg.privateKey(), encrypted);
        if (s == null) {
            throw reject(Rejection.RSA_FAILURE, "Error during decryption of meta key for " + c.who());
        }
        try {
            if (mk.cipherNid() == 0) {
                throw reject(Rejection.NULL_CIPHER, c.who() + " uses null cipher!");
            }
            if (!MetaCiphers.isSupported(mk.cipherNid())) {
                throw reject(Rejection.UNKNOWN_CIPHER, c.who() + " uses unknown cipher!");
            }
            if (mk.digestNid() == 0) {
                throw reject(Rejection.NULL_DIGEST, c.who() + " uses null digest!");
            }
            int size = MetaDigests.size(mk.digestNid());
            if (size == 0) {
                throw reject(Rejection.UNKNOWN_DIGEST, "Node " + c.who() + " uses unknown digest!");
            }
            if (mk.macLength() < 0 || mk.macLength() > size) {
                throw reject(Rejection.BOGUS_MAC_LENGTH, c.who() + " uses bogus MAC length!");
            }
            inDigest = mk.digestNid();
            // Every byte after this line, including bytes already received with it, is ciphertext.
            c.enableDecryption(MetaCiphers.create(mk.cipherNid(), false, s));
        } finally {
            Arrays.fill(s, (byte) 0);
        }
        c.advance(RequestType.CHALLENGE);
        hisChallenge = new byte[RawRsa.size(peer.publicKey())];
        cfg.random().nextBytes(hisChallenge);
        c.send(out, MetaRequest.Challenge.ofBytes(hisChallenge).format());
    }

    private void challenge(MetaRequest.Challenge ch, List<MetaAction> out) throws MetaConnection.Reject {
        int len = cfg.ownKeySize();
        if (ch.hex().length() != 2 * len) {
            throw reject(Rejection.WRONG_CHALLENGE_LENGTH, "Possible intruder " + c.who() + ": wrong challenge length");
        }
        myChallenge = Hex.decode(ch.hex());
        if (myChallenge == null) {
            throw reject(Rejection.INVALID_HEX,
                    "Got bad CHALLENGE from " + c.peerName() + "(" + c.remote() + "): invalid challenge");
        }
        c.advance(RequestType.CHAL_REPLY);
        // CVE-2018-16737/16738: only the initiator answers at once; a responder must not act as an oracle for
        // an unauthenticated initiator, so it answers after verifying the initiator's reply.
        if (c.outgoing()) {
            sendChalReply(out);
        }
    }

    private void sendChalReply(List<MetaAction> out) {
        c.send(out, MetaRequest.ChalReply.ofBytes(MetaDigests.challengeReply(inDigest, myChallenge)).format());
    }

    private void chalReply(MetaRequest.ChalReply cr, long now, List<MetaAction> out) throws MetaConnection.Reject {
        int size = MetaDigests.size(MetaDigests.SHA256);
        if (cr.hex().length() != 2 * size) {
            throw reject(Rejection.WRONG_CHAL_REPLY_LENGTH,
                    "Possible intruder " + c.who() + ": wrong challenge reply length");
        }
        byte[] his = Hex.decode(cr.hex());
        if (his == null) {
            throw reject(Rejection.INVALID_HEX,
                    "Got bad CHAL_REPLY from " + c.peerName() + "(" + c.remote() + "): invalid hash");
        }
        byte[] expected = MetaDigests.challengeReply(MetaDigests.SHA256, hisChallenge);
        if (!ConstantTime.equals(his, expected)) {
            throw reject(Rejection.WRONG_CHAL_REPLY, "Possible intruder " + c.who() + ": wrong challenge reply");
        }
        c.advance(RequestType.ACK);
        if (!c.outgoing()) {
            sendChalReply(out);
        }
        sendAck(now, out);
    }

    private void sendAck(long now, List<MetaAction> out) {
        long elapsed = Math.max(0, now - c.created());
        myWeight = (int) Math.min(Integer.MAX_VALUE, elapsed);
        sentOptions = ConnectionOptions.forAck(cfg.myOptions(), peer.overrides());
        if (peer.overrides().weight() != null) {
            myWeight = peer.overrides().weight();
        }
        c.send(out, new MetaRequest.Ack(cfg.myPort(), myWeight, sentOptions).format());
    }

    private void ack(MetaRequest.Ack ack, List<MetaAction> out) {
        int options = ConnectionOptions.afterAck(sentOptions, ack.options(), peer.overrides());
        int edgeWeight = (int) (((long) ack.weight() + myWeight) / 2);
        c.activate();
        Log.info(Log.CONNECTIONS, "Connection with " + c.who() + " activated");
        out.add(new MetaAction.Activated(new PeerInfo(c.peerName(), peer.host(), peer.publicKey(), c.outgoing(),
                ack.port(), ack.weight(), myWeight, edgeWeight, options)));
    }
}
