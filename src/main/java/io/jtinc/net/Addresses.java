package io.jtinc.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Address text in tincd's style, and the default listening addresses. */
public final class Addresses {
    private Addresses() {
    }

    /** "0.0.0.0" / "::" / "10.99.0.2" / "fd00::1" (compressed IPv6, without scope decorations). */
    public static String format(InetAddress address) {
        if (address instanceof Inet6Address) {
            String text = address.getHostAddress();
            int scope = text.indexOf('%');
            if (scope >= 0) {
                text = text.substring(0, scope);
            }
            return compressIpv6(text);
        }
        return address.getHostAddress();
    }

    /** Java prints IPv6 without "::" compression; tincd's logs use getnameinfo's compressed form. */
    static String compressIpv6(String full) {
        try {
            return java.net.InetAddress.getByName(full) instanceof Inet6Address
                    ? shorten(full) : full;
        } catch (java.net.UnknownHostException e) {
            return full;
        }
    }

    private static String shorten(String full) {
        String[] groups = full.split(":");
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < groups.length; i++) {
            int j = i;
            while (j < groups.length && groups[j].matches("0+")) {
                j++;
            }
            if (j - i > bestLen && j - i > 1) {
                bestStart = i;
                bestLen = j - i;
            }
        }
        List<String> parts = new ArrayList<>();
        for (String g : groups) {
            parts.add(g.replaceFirst("^0+(?=.)", ""));
        }
        if (bestStart < 0) {
            return String.join(":", parts);
        }
        String head = String.join(":", parts.subList(0, bestStart));
        String tail = String.join(":", parts.subList(bestStart + bestLen, parts.size()));
        return head + "::" + tail;
    }

    /** The wildcard listening addresses for AddressFamily any/ipv4/ipv6. */
    public static List<InetSocketAddress> wildcard(boolean ipv4, boolean ipv6, int port) {
        List<InetSocketAddress> out = new ArrayList<>();
        try {
            if (ipv4) {
                out.add(new InetSocketAddress(Inet4Address.getByName("0.0.0.0"), port));
            }
            if (ipv6) {
                out.add(new InetSocketAddress(Inet6Address.getByName("::"), port));
            }
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** "1.2.3.4" or "fd00::1" as tincd writes the address field of ADD_EDGE, and its port. */
    public static String host(InetSocketAddress address) {
        InetAddress a = address.getAddress();
        if (a instanceof Inet6Address v6 && isIpv4Mapped(v6)) {
            byte[] b = v6.getAddress();
            return (b[12] & 0xff) + "." + (b[13] & 0xff) + "." + (b[14] & 0xff) + "." + (b[15] & 0xff);
        }
        return format(a);
    }

    static boolean isIpv4Mapped(Inet6Address a) {
        byte[] b = a.getAddress();
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }
}
