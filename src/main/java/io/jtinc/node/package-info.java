/**
 * The control plane of one running node, owned by a single event loop: meta connections and their activation,
 * gossip into the graph, the data-channel keys, the UDP and TCP data paths, PMTU probing, and the routing
 * snapshot the data path reads. It is transport-free: Netty (in the daemon) or an in-memory fabric (in the
 * two-node unit test) delivers bytes and datagrams to {@link io.jtinc.node.NodeCore} and carries its output.
 */
package io.jtinc.node;
