package io.jtinc.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.testsupport.Sh;
import io.jtinc.testsupport.TincMesh;
import io.jtinc.testsupport.TincMesh.Impl;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 3, acceptance 6: with KeyExpire = 10, traffic goes on across at least three key renewals with at most 1%
 * loss. Checked between two jtincd nodes and between jtincd and tincd.
 */
@Tag("interop")
class KeyRenewalIT {
    /** 40 s at 10 per second: four renewals at KeyExpire = 10. */
    private static final int PINGS = 400;

    @Test
    void jtincWithJtinc() throws Exception {
        run(Impl.JTINC);
    }

    @Test
    void jtincWithTincd() throws Exception {
        run(Impl.TINCD);
    }

    private static void run(Impl other) throws Exception {
        try (TincMesh mesh = new TincMesh("switch")) {
            TincMesh.Node a = mesh.add("alpha", Impl.JTINC).conf("KeyExpire = 10")
                    .up("ip -6 addr add fd7a:77::1/64 dev $INTERFACE nodad");
            TincMesh.Node b = mesh.add("beta", other).conf("KeyExpire = 10").connectTo("alpha")
                    .up("ip -6 addr add fd7a:77::2/64 dev $INTERFACE nodad");
            mesh.configure();
            mesh.start(2);
            mesh.awaitPing(b, "fd7a:77::1", 30_000);
            Sh.Result ping = Sh.run(b.ns.wrap(List.of("ping6", "-c", Integer.toString(PINGS), "-i", "0.1", "-W", "1",
                    "fd7a:77::1")), 120);
            Matcher m = Pattern.compile("(\\d+) packets transmitted, (\\d+) received").matcher(ping.output());
            assertTrue(m.find(), ping.output());
            int sent = Integer.parseInt(m.group(1));
            int received = Integer.parseInt(m.group(2));
            int renewals = count(a.logText(), "Expiring symmetric keys");
            System.out.println("KeyExpire=10, jtinc with " + other + ": " + received + "/" + sent
                    + " replies, " + renewals + " key renewals on alpha");
            assertTrue(renewals >= 3, "at least three renewals\n" + mesh.logs());
            assertTrue(received >= sent * 0.99, received + "/" + sent + " replies\n" + mesh.logs());
        }
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
