package io.jtinc.node;

import io.jtinc.invite.HubHandshake;
import io.jtinc.log.Log;
import io.jtinc.net.MetaLink;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A meta connection that turned out to be an invitation exchange: drives the hub's {@link HubHandshake} with the
 * connection's bytes and timer, and carries out its sends and its close. Loop-confined. It has no name, is never
 * active and never reaches the graph: an invitation connection has no mesh privileges.
 */
final class InvitationSession {
    private final MetaLink link;
    private final HubHandshake handshake;
    private boolean done;

    InvitationSession(MetaLink link, HubHandshake handshake) {
        this.link = link;
        this.handshake = handshake;
    }

    void receive(ByteBuffer bytes, long now) {
        run(handshake.receive(bytes, now));
    }

    void tick(long now) {
        run(handshake.tick(now));
    }

    boolean done() {
        return done;
    }

    private void run(List<HubHandshake.Action> actions) {
        for (HubHandshake.Action a : actions) {
            if (done) {
                return;
            }
            if (a instanceof HubHandshake.Send s) {
                link.send(ByteBuffer.wrap(s.bytes()));
            } else if (a instanceof HubHandshake.Close c) {
                // Notice level: an operator watching the log sees every enrolment and every refusal.
                Log.notice("Invitation from " + link + ": " + c.reason());
                done = true;
                link.close();
            }
        }
    }
}
