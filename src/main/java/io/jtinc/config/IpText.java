package io.jtinc.config;

/**
 * Numeric IPv4 and IPv6 text to bytes, without DNS and without Java's lenient forms: shared by Subnet values
 * ({@link SubnetSpec}) and the edge addresses the graph receives. Returns null for anything that is not plain
 * numeric text (a scope suffix such as {@code %eth0} is not a hex group, so it is refused too).
 */
public final class IpText {
    private IpText() {
    }

    /**
     * A dotted quad. {@code allowLeadingZeros}: a Subnet's "010" is decimal 10 in tincd's str2net, but inet_aton
     * (edge addresses) would read it as octal, so there such text stays non-numeric rather than be guessed.
     */
    public static byte[] ipv4(String s, boolean allowLeadingZeros) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || (!allowLeadingZeros && p.length() > 1 && p.charAt(0) == '0')
                    || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    /** Eight hex groups, one "::" at most, optionally ending in a dotted quad (parsed as {@link #ipv4}). */
    public static byte[] ipv6(String s, boolean allowLeadingZerosInQuad) {
        if (s.indexOf(':') < 0) {
            return null;
        }
        byte[] tail = null;
        int lastColon = s.lastIndexOf(':');
        String groupsPart = s;
        if (s.indexOf('.', lastColon) >= 0) {
            tail = ipv4(s.substring(lastColon + 1), allowLeadingZerosInQuad);
            if (tail == null) {
                return null;
            }
            // keep the colon(s) before the dotted quad so "::1.2.3.4" still has its "::"
            groupsPart = s.substring(0, lastColon + 1) + "0:0";
        }
        int dbl = groupsPart.indexOf("::");
        if (dbl >= 0 && groupsPart.indexOf("::", dbl + 1) >= 0) {
            return null;
        }
        int[] head;
        int[] rear;
        if (dbl >= 0) {
            head = hexGroups(groupsPart.substring(0, dbl));
            rear = hexGroups(groupsPart.substring(dbl + 2));
            if (head == null || rear == null || head.length + rear.length > 7) {
                return null;
            }
        } else {
            head = hexGroups(groupsPart);
            rear = new int[0];
            if (head == null || head.length != 8) {
                return null;
            }
        }
        int[] all = new int[8];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(rear, 0, all, 8 - rear.length, rear.length);
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (all[i] >> 8);
            out[2 * i + 1] = (byte) all[i];
        }
        if (tail != null) {
            System.arraycopy(tail, 0, out, 12, 4);
        }
        return out;
    }

    private static int[] hexGroups(String s) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] g = s.split(":", -1);
        int[] out = new int[g.length];
        for (int i = 0; i < g.length; i++) {
            String p = g[i];
            if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(c -> c < 128 && Character.digit(c, 16) >= 0)) {
                return null;
            }
            out[i] = Integer.parseInt(p, 16);
        }
        return out;
    }
}
