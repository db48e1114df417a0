package io.jtinc.config;

import java.util.Arrays;

/**
 * A Subnet value in tinc's textual form (spec §8.6, subnet.c:str2net): MAC {@code xx:xx:xx:xx:xx:xx},
 * IPv4 {@code a.b.c.d[/len]} or IPv6 {@code addr[/len]}, each with an optional {@code #weight} (default 10, lower
 * is preferred). {@link #canonical()} gives net2str's output form used on the wire.
 */
public record SubnetSpec(String text, Type type, byte[] address, int prefixLength, int weight) {
    public enum Type { MAC, IPV4, IPV6 }

    public static final int DEFAULT_WEIGHT = 10;

    /**
     * tincd's subnet tree order (subnet.c subnet_compare, spec §8.6): by type (MAC, IPv4, IPv6); IP subnets by
     * prefix length descending, then address ascending; MACs by address; then weight. Scripts and dumps follow it.
     */
    public static final java.util.Comparator<SubnetSpec> TINC_ORDER = java.util.Comparator
            .comparing(SubnetSpec::type)
            .thenComparing(s -> s.type == Type.MAC ? 0 : -s.prefixLength)
            .thenComparing((a, b) -> Arrays.compareUnsigned(a.address, b.address))
            .thenComparingInt(SubnetSpec::weight);

    /** Thrown for text that is not a subnet; the message says what is wrong, without location. */
    public static final class FormatException extends Exception {
        private static final long serialVersionUID = 1L;

        FormatException(String message) {
            super(message);
        }
    }

    public SubnetSpec {
        address = address.clone();
    }

    @Override
    public byte[] address() {
        return address.clone();
    }

    /**
     * Parses as a configuration Subnet: like str2net, plus conf.c:get_config_subnet's rule that host bits beyond
     * the prefix are an error ("Network address and prefix length do not match").
     */
    public static SubnetSpec parse(String text) throws FormatException {
        SubnetSpec s = parseNetwork(text);
        if (!s.hostBitsClear()) {
            throw new FormatException("host bits are set beyond the /" + s.prefixLength + " prefix");
        }
        return s;
    }

    /** Parses without the host-bits check: tincd does not apply it to ADD_SUBNET received from the network. */
    public static SubnetSpec parseNetwork(String text) throws FormatException {
        String rest = text;
        int weight = DEFAULT_WEIGHT;
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            weight = decimal(rest.substring(hash + 1), "weight after #");
            rest = rest.substring(0, hash);
        }
        int prefix = -1;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            prefix = decimal(rest.substring(slash + 1), "prefix length after /");
            rest = rest.substring(0, slash);
        }
        byte[] mac = mac(rest);
        if (mac != null) {
            if (prefix >= 0) {
                throw new FormatException("a MAC subnet takes no /prefix");
            }
            return new SubnetSpec(text, Type.MAC, mac, 48, weight);
        }
        byte[] v4 = IpText.ipv4(rest, true);
        if (v4 != null) {
            return withPrefix(text, Type.IPV4, v4, prefix, weight);
        }
        byte[] v6 = IpText.ipv6(rest, true);
        if (v6 != null) {
            return withPrefix(text, Type.IPV6, v6, prefix, weight);
        }
        throw new FormatException("'" + rest + "' is not a MAC, IPv4 or IPv6 address");
    }

    private static SubnetSpec withPrefix(String text, Type type, byte[] addr, int prefix, int weight)
            throws FormatException {
        int max = addr.length * 8;
        if (prefix > max) {
            throw new FormatException("prefix length /" + prefix + " is longer than " + max + " bits");
        }
        return new SubnetSpec(text, type, addr, prefix < 0 ? max : prefix, weight);
    }

    public boolean hostBitsClear() {
        if (type == Type.MAC) {
            return true;
        }
        for (int bit = prefixLength; bit < address.length * 8; bit++) {
            if ((address[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                return false;
            }
        }
        return true;
    }

    /** net2str: "2:0:0:0:0:1#10", "10.1.2.0/24#10", "fd00:10:0:0:0:0:0:1/128#10" (no :: compression). */
    public String canonical() {
        return withoutWeight() + "#" + weight;
    }

    /** The SUBNET form given to subnet-up/down scripts (net2str without the weight). */
    public String withoutWeight() {
        StringBuilder sb = new StringBuilder();
        switch (type) {
            case MAC -> {
                for (int i = 0; i < 6; i++) {
                    sb.append(i > 0 ? ":" : "").append(Integer.toHexString(address[i] & 0xff));
                }
                return sb.toString();
            }
            case IPV4 -> {
                for (int i = 0; i < 4; i++) {
                    sb.append(i > 0 ? "." : "").append(address[i] & 0xff);
                }
            }
            case IPV6 -> {
                for (int i = 0; i < 8; i++) {
                    int g = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
                    sb.append(i > 0 ? ":" : "").append(Integer.toHexString(g));
                }
            }
        }
        return sb.append('/').append(prefixLength).toString();
    }

    private static int decimal(String s, String what) throws FormatException {
        if (s.isEmpty() || s.length() > 9 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new FormatException("'" + s + "' is not a valid " + what);
        }
        return Integer.parseInt(s);
    }

    /** Exactly 6 colon-separated groups of hex digits; a string with 6 groups is always a MAC (tinc's rule). */
    private static byte[] mac(String s) throws FormatException {
        String[] parts = s.split(":", -1);
        if (parts.length != 6) {
            return null;
        }
        for (String p : parts) {
            if (p.isEmpty() || !isHex(p)) {
                return null; // e.g. "2001:db8:1::" has 6 parts but is IPv6, as tincd's sscanf also falls through
            }
        }
        byte[] out = new byte[6];
        for (int i = 0; i < 6; i++) {
            // tincd reads each group with %hx; more than 2 digits would silently lose the high byte, so we refuse.
            if (parts[i].length() > 2) {
                throw new FormatException("'" + s + "' is not a MAC address (6 groups of 1-2 hex digits)");
            }
            out[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return out;
    }

    private static boolean isHex(String s) {
        return s.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubnetSpec s && s.type == type && Arrays.equals(s.address, address)
                && s.prefixLength == prefixLength && s.weight == weight;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(address) * 31 + prefixLength * 7 + weight;
    }

    @Override
    public String toString() {
        return text;
    }
}
