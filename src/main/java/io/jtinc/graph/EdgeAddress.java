package io.jtinc.graph;

import io.jtinc.config.IpText;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The address of an edge: where {@code to} can be reached as seen by {@code from}. tincd converts the two strings
 * of ADD_EDGE with a numeric-only getaddrinfo (netutl.c:str2sockaddr); anything that does not convert is kept
 * verbatim as an "unknown" address that is compared as text, re-sent as received and never used for UDP.
 *
 * <p>Equality follows sockaddrcmp: numeric addresses compare by family, address bytes and port, so {@code 655} and
 * {@code 0655} are the same edge address; unknown ones compare by both strings. {@link #wireAddress()} and
 * {@link #wirePort()} give sockaddr2str's form (getnameinfo NI_NUMERICHOST: dotted quad, glibc's compressed
 * IPv6), which is what tincd puts in the ADD_EDGE lines it generates.
 *
 * <p>Deliberate narrowing (documented divergence): only plain dotted quads (no octal/shorthand inet_aton forms),
 * IPv6 literals without a {@code %scope}, and all-digit ports are numeric. glibc would also resolve service names
 * from /etc/services and BSD IPv4 shorthands; we treat those as unknown, which only means we never use them for UDP.
 */
public final class EdgeAddress {
    private final String rawAddress;
    private final String rawPort;
    private final byte[] ip;   // 4 or 16 bytes, null when unknown
    private final int port;    // 0..65535 when numeric

    private EdgeAddress(String rawAddress, String rawPort, byte[] ip, int port) {
        this.rawAddress = rawAddress;
        this.rawPort = rawPort;
        this.ip = ip;
        this.port = port;
    }

    /** Interprets the two strings of an ADD_EDGE like str2sockaddr. Never does DNS. */
    public static EdgeAddress parse(String address, String port) {
        Objects.requireNonNull(address);
        Objects.requireNonNull(port);
        byte[] ip = IpText.ipv4(address, false);
        if (ip == null) {
            ip = IpText.ipv6(address, false);
        }
        int p = numericPort(port);
        if (ip == null || p < 0) {
            return new EdgeAddress(address, port, null, 0);
        }
        return new EdgeAddress(address, port, ip, p);
    }

    /** The address of a direct connection (TCP peer IP, port announced in ACK). */
    public static EdgeAddress of(InetAddress address, int port) {
        byte[] ip = address.getAddress();
        String text = ip.length == 4 ? formatIpv4(ip) : formatIpv6(ip);
        return new EdgeAddress(text, Integer.toString(port & 0xffff), ip, port & 0xffff);
    }

    public boolean isNumeric() {
        return ip != null;
    }

    /** The UDP endpoint, or null for an unknown (non-numeric) address. Built from bytes: no name lookup. */
    public InetSocketAddress socketAddress() {
        if (ip == null) {
            return null;
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // impossible: 4 or 16 bytes
        }
    }

    /** The address field as tincd's send_add_edge prints it (sockaddr2str). */
    public String wireAddress() {
        if (ip == null) {
            return rawAddress;
        }
        return ip.length == 4 ? formatIpv4(ip) : formatIpv6(ip);
    }

    /** The port field as tincd's send_add_edge prints it (sockaddr2str). */
    public String wirePort() {
        return ip == null ? rawPort : Integer.toString(port);
    }

    public String rawAddress() {
        return rawAddress;
    }

    public String rawPort() {
        return rawPort;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof EdgeAddress a)) {
            return false;
        }
        if (ip == null || a.ip == null) {
            return ip == null && a.ip == null && rawAddress.equals(a.rawAddress) && rawPort.equals(a.rawPort);
        }
        return Arrays.equals(ip, a.ip) && port == a.port;
    }

    @Override
    public int hashCode() {
        return ip == null ? rawAddress.hashCode() * 31 + rawPort.hashCode() : Arrays.hashCode(ip) * 31 + port;
    }

    @Override
    public String toString() {
        return wireAddress() + " port " + wirePort();
    }

    /** glibc getaddrinfo takes the service with strtoul and keeps the low 16 bits (htons of the value). */
    private static int numericPort(String s) {
        if (s.isEmpty() || s.length() > 20 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        long v;
        try {
            v = Long.parseLong(s);
        } catch (NumberFormatException e) {
            v = -1; // strtoul saturates at ULONG_MAX, whose low 16 bits are all ones
        }
        return (int) (v & 0xffff);
    }

    private static String formatIpv4(byte[] ip) {
        return (ip[0] & 0xff) + "." + (ip[1] & 0xff) + "." + (ip[2] & 0xff) + "." + (ip[3] & 0xff);
    }

    /**
     * glibc inet_ntop6: the first longest run of two or more zero groups becomes "::"; lowercase hex without
     * padding; "::a.b.c.d" and "::ffff:a.b.c.d" keep a dotted quad tail.
     */
    static String formatIpv6(byte[] ip) {
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = ((ip[2 * i] & 0xff) << 8) | (ip[2 * i + 1] & 0xff);
        }
        int bestBase = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (w[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && w[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestBase = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    sb.append(':');
                }
                continue;
            }
            if (i != 0) {
                sb.append(':');
            }
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xffff))) {
                sb.append(formatIpv4(Arrays.copyOfRange(ip, 12, 16)));
                return sb.toString();
            }
            sb.append(Integer.toHexString(w[i]));
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) {
            sb.append(':');
        }
        return sb.toString();
    }
}
