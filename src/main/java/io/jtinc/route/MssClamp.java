package io.jtinc.route;

import java.nio.ByteBuffer;

/**
 * ClampMSS (route.c clamp_mss, spec §6.4): lowers the MSS option of a TCP segment (in practice a SYN) so that
 * full-size segments fit the tunnel's path MTU, instead of relying on PMTU discovery through the tunnel. Works on
 * IPv4 and IPv6 (no extension headers), plain or 802.1Q-tagged, in place, with an incremental checksum fix.
 */
public final class MssClamp {
    private MssClamp() {
    }

    /**
     * Clamps the MSS in frame[position, limit) to {@code mtu − Ethernet(+VLAN) header − IP header − 20} when that
     * is smaller than the current value. Returns true when the frame was changed. Never throws on short or
     * malformed frames; they are left alone.
     */
    public static boolean clamp(ByteBuffer frame, int mtu) {
        int b = frame.position();
        int len = frame.remaining();
        if (len < 14) {
            return false;
        }
        int start = 14;
        int type = Checksums.u16(frame, b + 12);
        if (type == Ethertypes.VLAN) {
            if (len < 18) {
                return false;
            }
            start = 18;
            type = Checksums.u16(frame, b + 16);
        }
        if (type == Ethertypes.IPV4 && len >= start + 20 && frame.get(b + start + 9) == 6) {
            start += (frame.get(b + start) & 0xf) * 4;
        } else if (type == Ethertypes.IPV6 && len >= start + 40 && frame.get(b + start + 6) == 6) {
            start += 40;
        } else {
            return false;
        }
        if (len <= start + 20) {
            return false;
        }
        int optLen = (((frame.get(b + start + 12) & 0xff) >> 4) - 5) * 4; // data offset minus the fixed header
        if (len < start + 20 + optLen) {
            return false;
        }
        int opts = b + start + 20;
        for (int i = 0; i < optLen;) {
            int kind = frame.get(opts + i) & 0xff;
            if (kind == 0) {
                return false; // end of options
            }
            if (kind == 1) {
                i++; // NOP
                continue;
            }
            if (i > optLen - 2) {
                return false;
            }
            int olen = frame.get(opts + i + 1) & 0xff;
            if (olen < 2 || i > optLen - olen) {
                return false;
            }
            if (kind != 2) {
                i += olen;
                continue;
            }
            // tincd checks the length byte of the *first* option here (a bug); we check the MSS option's own,
            // which gives the same result for the usual SYN layout where MSS comes first.
            if (olen != 4) {
                return false;
            }
            int oldMss = Checksums.u16(frame, opts + i + 2);
            int newMss = mtu - start - 20;
            if (newMss <= 0 || oldMss <= newMss) {
                return false;
            }
            Checksums.put16(frame, opts + i + 2, newMss);
            int csumAt = b + start + 16;
            // After NOPs the MSS may sit at an odd offset, where its bytes land in two checksum words: its
            // contribution to the sum is then byte-swapped (tincd never gets here, see the length check above).
            boolean odd = ((i + 2) & 1) != 0;
            Checksums.put16(frame, csumAt, Checksums.update(Checksums.u16(frame, csumAt),
                    odd ? swap(oldMss) : oldMss, odd ? swap(newMss) : newMss));
            return true;
        }
        return false;
    }

    private static int swap(int v) {
        return ((v & 0xff) << 8) | ((v >> 8) & 0xff);
    }
}
