package io.jtinc.graph;

import io.jtinc.config.SubnetSpec;
import java.net.InetSocketAddress;

/**
 * What the lead must do after a {@link Graph} call, in list order. Lines never contain the trailing {@code \n}.
 * "Active connections" means connections after ACK (tincd's {@code status.active}), i.e. those the lead has passed to
 * {@link Graph#connectionActivated} and not yet to {@link Graph#connectionClosed}.
 */
public sealed interface GraphEffect {

    /**
     * Send {@code line} to every active connection except {@code except} (null: to all). Covers both
     * forward_request (the identical received line, except the origin) and send_request(everyone, …).
     */
    record Broadcast(String line, ConnectionRef except) implements GraphEffect {
    }

    /** Send {@code line} on this one connection only (send_everything, corrections, TunnelServer's own edge). */
    record Send(ConnectionRef connection, String line) implements GraphEffect {
    }

    /**
     * The request was a protocol error: close the connection (tincd: handler returns false, terminate, tarpit).
     * Always the only effect of the call. {@code reason} is tincd's log text suffix.
     */
    record Fatal(ConnectionRef connection, String reason) implements GraphEffect {
    }

    /** Run subnet-up for this subnet of a reachable owner (including myself). */
    record SubnetUp(String owner, SubnetSpec subnet) implements GraphEffect {
    }

    /** Run subnet-down for this subnet of a reachable owner (including myself). */
    record SubnetDown(String owner, SubnetSpec subnet) implements GraphEffect {
    }

    /**
     * graph.c sssp_bfs's per-node block. Became reachable: log "Node X (host) became reachable" (-d5), clear
     * validkey and last_req_key, reset PMTU (maxmtu = MTU, minmtu = 0, mtuprobes = 0, stop the probe timer),
     * run host-up and hosts/X-up; the node's SubnetUp effects follow right after this one; then, if
     * {@code connection} is non-null, send ANS_KEY to the node. Became unreachable: same log/key/PMTU reset, run
     * host-down and hosts/X-down (REMOTEADDRESS = the address before clearing), the SubnetDown effects follow; then
     * forget the node's UDP address and status bits (the graph has already cleared its own copy).
     */
    record ReachabilityChanged(String node, boolean reachable, ConnectionRef connection) implements GraphEffect {
    }

    /**
     * The BFS reached a node that had no UDP address (as far as the graph knows, see
     * {@link Graph#updateNodeUdp}) over an edge with a numeric address: tincd calls update_node_udp with it.
     * Emitted before the ReachabilityChanged effects of the same recomputation, so host-up sees the address.
     */
    record UdpAddressLearned(String node, InetSocketAddress address) implements GraphEffect {
    }

    /** KEY_CHANGED from {@code node}: clear its validkey and last_req_key, so the next packet sends REQ_KEY. */
    record KeyChanged(String node) implements GraphEffect {
    }

    /**
     * Switch-mode fast roaming (§8.3): another node now announces a MAC that we learned ourselves; make our
     * learned entry expire now (the lead's MAC aging then withdraws it via {@link Graph#withdrawOwnSubnet}).
     */
    record ExpireLearnedMac(SubnetSpec subnet) implements GraphEffect {
    }
}
