package io.jtinc.invite;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv6 prefix ("2001:db8:85a3:ef00::/56") with the little arithmetic delegation needs. */
public record Ipv6Prefix(BigInteger network, int length) {
    private static final BigInteger ALL = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    /** @throws IllegalArgumentException naming what is wrong (host bits set, not IPv6, bad length) */
    public static Ipv6Prefix parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + t + "' is not an IPv6 prefix (ADDRESS/LENGTH)");
        }
        int len;
        try {
            len = Integer.parseInt(t.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + t + "' has an invalid prefix length");
        }
        if (len < 0 || len > 128) {
            throw new IllegalArgumentException("'" + t + "': the prefix length must be 0..128");
        }
        BigInteger addr = address(t.substring(0, slash));
        Ipv6Prefix p = new Ipv6Prefix(addr.and(mask(len)), len);
        if (!p.network.equals(addr)) {
            throw new IllegalArgumentException("'" + t + "' has host bits set; did you mean " + p + "?");
        }
        return p;
    }

    static BigInteger address(String text) {
        String a = text.trim();
        if (a.indexOf(':') < 0 || !a.matches("[0-9A-Fa-f:.]+")) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv6 address");
        }
        try {
            InetAddress ia = InetAddress.getByName(a);
            if (!(ia instanceof Inet6Address)) {
                throw new IllegalArgumentException("'" + text + "' is not an IPv6 address");
            }
            return new BigInteger(1, ia.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv6 address");
        }
    }

    private static BigInteger mask(int len) {
        return ALL.shiftRight(len).xor(ALL);
    }

    /** How many sub-prefixes of the given length fit (capped to int). */
    public int count(int subLength) {
        int bits = subLength - length;
        return bits >= 31 ? Integer.MAX_VALUE : 1 << bits;
    }

    /** The index-th sub-prefix of the given length (index 0 = the first). */
    public Ipv6Prefix sub(int subLength, int index) {
        if (subLength < length || subLength > 128 || index < 0 || index >= count(subLength)) {
            throw new IllegalArgumentException("no sub-prefix /" + subLength + " number " + index + " in " + this);
        }
        return new Ipv6Prefix(network.add(BigInteger.valueOf(index).shiftLeft(128 - subLength)), subLength);
    }

    public boolean contains(Ipv6Prefix other) {
        return other.length >= length && other.network.and(mask(length)).equals(network);
    }

    /** The address network + n ("::1" of the prefix for n = 1). */
    public String host(long n) {
        return format(network.add(BigInteger.valueOf(n)));
    }

    public static String format(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] b = new byte[16];
        int copy = Math.min(raw.length, 16);
        System.arraycopy(raw, raw.length - copy, b, 16 - copy, copy);
        try {
            return compress(InetAddress.getByAddress(b).getHostAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Java prints "2001:db8:0:0:0:0:0:1"; ip(8) and people write the RFC 5952 form "2001:db8::1". */
    static String compress(String full) {
        String[] g = full.split(":");
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < g.length; ) {
            if (g[i].equals("0")) {
                int j = i;
                while (j < g.length && g[j].equals("0")) {
                    j++;
                }
                if (j - i > bestLen) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestStart < 0) {
            return full;
        }
        String left = String.join(":", java.util.Arrays.copyOfRange(g, 0, bestStart));
        String right = String.join(":", java.util.Arrays.copyOfRange(g, bestStart + bestLen, g.length));
        return left + "::" + right;
    }

    @Override
    public String toString() {
        return format(network) + "/" + length;
    }
}
