package io.jtinc.invite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InviteUrlTest {
    private static final String FP = "A".repeat(43);
    private static final byte[] SECRET = new byte[24];

    static {
        for (int i = 0; i < SECRET.length; i++) {
            SECRET[i] = (byte) (i * 7 + 1);
        }
    }

    @Test
    void formatsAndParsesBackIncludingIpv6Hosts() {
        InviteUrl u = new InviteUrl("hub.example.org", 655, "mesh", FP, SECRET);
        String text = u.format();
        assertTrue(text.startsWith("jtinc://hub.example.org:655/mesh/" + FP + "/"), text);
        InviteUrl back = InviteUrl.parse(text);
        assertEquals("hub.example.org", back.host());
        assertEquals(655, back.port());
        assertEquals("mesh", back.net());
        assertEquals(FP, back.fingerprint());
        assertArrayEquals(SECRET, back.secret());

        InviteUrl v6 = InviteUrl.parse(new InviteUrl("2001:db8::1", 6655, "mesh", FP, SECRET).format());
        assertEquals("2001:db8::1", v6.host());
        assertEquals(6655, v6.port());
    }

    @Test
    void toStringNeverShowsTheSecret() {
        InviteUrl u = new InviteUrl("h", 655, "mesh", FP, SECRET);
        assertFalse(u.toString().contains(InviteCrypto.b64(SECRET)));
    }

    @Test
    void refusesWhatIsNotAnInvitationWithAReason() {
        String good = new InviteUrl("h", 655, "mesh", FP, SECRET).format();
        String[] bad = {
            "http://h:655/mesh/" + FP + "/x",
            good.replace(":655", ""),
            good.replace(":655", ":99999"),
            good.replace("/mesh/", "/me-sh/"),
            good.replace(FP, "short"),
            good.substring(0, good.length() - 2),
            good + "/extra",
            "jtinc://[2001:db8::1/mesh/" + FP + "/" + InviteCrypto.b64(SECRET),
        };
        for (String b : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InviteUrl.parse(b), b);
            assertTrue(e.getMessage().startsWith("not a jtinc invitation URL: "), e.getMessage());
        }
    }
}
