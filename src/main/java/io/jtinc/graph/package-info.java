/**
 * The topology core (spec §3.8, §9, §4.4): nodes, edges and subnets learned from gossip; tincd 1.0.36's Kruskal
 * MST (broadcast) and unweighted BFS (reachability, nexthop, via); the ADD/DEL_EDGE, ADD/DEL_SUBNET and KEY_CHANGED
 * rules with duplicate suppression; our own announcements; purge; and an immutable {@link io.jtinc.graph.RoutingSnapshot}
 * for the data plane. Sans-IO: {@link io.jtinc.graph.Graph} returns {@link io.jtinc.graph.GraphEffect}s that the
 * caller executes. Every table is capped ({@link io.jtinc.graph.GraphLimits}) and counted
 * ({@link io.jtinc.graph.GraphCounters}).
 */
package io.jtinc.graph;
