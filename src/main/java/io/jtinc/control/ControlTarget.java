package io.jtinc.control;

import io.jtinc.node.NodeCore;
import java.util.function.Function;

/** What the control socket acts on: the running daemon. Implemented by the daemon package. */
public interface ControlTarget {
    /**
     * Runs {@code view} on the event loop with the node core (null while the mesh is not up) and returns its result;
     * the loop owns the state, so views are built there and handed back immutable.
     */
    <T> T onLoop(Function<NodeCore, T> view) throws Exception;

    /** SIGHUP's action. */
    void reload();

    /** SIGALRM's action. */
    void retry();

    /** SIGTERM's action. */
    void stop();
}
