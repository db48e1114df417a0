package io.jtinc.invite;

import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.Optional;

/** The hub's decisions and side effects, behind {@link HubHandshake}; a file-backed one in the daemon. */
public interface Enrolment {
    /** The invitation with this id (any state), or empty; never throws. */
    Optional<Invitation> find(String id);

    /**
     * Checks expiry, use and the node name, marks the invitation used (atomically, before anything is answered),
     * writes the node's host file and routing. Never throws: a failure is a {@link Outcome.Refused}.
     */
    Outcome enrol(Invitation invitation, RSAPublicKey joinerKey);

    sealed interface Outcome {
        /** The key/value answer the joiner gets (net, hub name and host file, assignment). */
        record Accepted(Map<String, String> answer) implements Outcome {
        }

        /** A refusal; the message is shown to the joiner and logged on the hub. */
        record Refused(String message) implements Outcome {
        }
    }
}
