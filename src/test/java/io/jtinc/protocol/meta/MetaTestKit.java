package io.jtinc.protocol.meta;

import io.jtinc.crypto.Hex;

import io.jtinc.config.ConfigException;
import io.jtinc.crypto.KeyGenerator;
import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Keys, configs and a scripted peer for the state machine tests. */
final class MetaTestKit {
    static final KeyPair ALPHA = gen();
    static final KeyPair BETA = gen();
    static final String REMOTE = "127.0.0.1 port 655";

    private MetaTestKit() {
    }

    private static KeyPair gen() {
        try {
            return KeyGenerator.generate(1024);
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    static RSAPublicKey pub(KeyPair kp) {
        return (RSAPublicKey) kp.getPublic();
    }

    static AuthConfig config(String me, KeyPair mine, MetaCounters counters) {
        Map<String, KeyPair> known = Map.of("alpha", ALPHA, "beta", BETA);
        PeerLookup lookup = name -> {
            KeyPair kp = known.get(name);
            if (kp == null) {
                throw new PeerLookup.UnknownPeerException("no hosts/" + name);
            }
            return new PeerCredentials(pub(kp), null, PeerOverrides.NONE);
        };
        return new AuthConfig(me, (RSAPrivateKey) mine.getPrivate(), 32, "655",
                ConnectionOptions.PMTU_DISCOVERY | ConnectionOptions.CLAMP_MSS, 60_000, 5_000, lookup, counters,
                new SecureRandom());
    }

    static List<ByteBuffer> sends(List<MetaAction> actions) {
        List<ByteBuffer> out = new ArrayList<>();
        for (MetaAction a : actions) {
            if (a instanceof MetaAction.Send s) {
                out.add(s.bytes());
            }
        }
        return out;
    }

    static <T extends MetaAction> List<T> only(List<MetaAction> actions, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (MetaAction a : actions) {
            if (type.isInstance(a)) {
                out.add(type.cast(a));
            }
        }
        return out;
    }

    /**
     * A hand-driven peer: writes whatever lines a test wants (encrypting once it "sent" a METAKEY) and reads the
     * state machine's output as plaintext lines (decrypting after that machine's METAKEY with its own key).
     */
    static final class ScriptedPeer {
        final KeyPair mine;
        final RSAPublicKey theirs;
        private MetaStreamCipher enc;
        private final MetaFramer in = new MetaFramer();
        final List<String> received = new ArrayList<>();

        ScriptedPeer(KeyPair mine, RSAPublicKey theirs) {
            this.mine = mine;
            this.theirs = theirs;
        }

        ByteBuffer line(String line) {
            byte[] b = (line + "\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            if (enc != null) {
                enc.update(b, 0, b.length);
            }
            return ByteBuffer.wrap(b);
        }

        /** A valid METAKEY line for the other side with the given fields; our output is encrypted from then on. */
        ByteBuffer metaKey(int cipher, int digest, int maclen) {
            byte[] s = new byte[RawRsa.size(theirs)];
            new SecureRandom().nextBytes(s);
            s[0] &= 0x7F;
            ByteBuffer b = line(MetaRequest.MetaKey.ofBytes(cipher, digest, maclen, 0, RawRsa.encrypt(theirs, s))
                    .format());
            enc = MetaCiphers.create(MetaCiphers.isSupported(cipher) ? cipher : 429, true, s);
            return b;
        }

        /** Reads every Send of the actions as the peer would. */
        void read(List<MetaAction> actions) {
            for (ByteBuffer b : sends(actions)) {
                in.offer(b.duplicate());
                for (MetaFramer.Frame f; (f = in.next()) != null; ) {
                    String text = ((MetaFramer.Line) f).text();
                    received.add(text);
                    if (text.startsWith("1 ")) {
                        MetaRequest.MetaKey mk;
                        try {
                            mk = (MetaRequest.MetaKey) RequestParser.parse(text);
                        } catch (MalformedRequestException e) {
                            throw new AssertionError(e);
                        }
                        byte[] s = RawRsa.decrypt((RSAPrivateKey) mine.getPrivate(), Hex.decode(mk.keyHex()));
                        in.enableDecryption(MetaCiphers.create(mk.cipherNid(), false, s));
                    }
                }
            }
        }

        String last(String prefix) {
            for (int i = received.size() - 1; i >= 0; i--) {
                if (received.get(i).startsWith(prefix)) {
                    return received.get(i);
                }
            }
            return null;
        }
    }
}
