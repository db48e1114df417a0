/**
 * Nodes, edges and subnets; tinc's Kruskal MST (broadcast) and unweighted SSSP (nexthop, via), producing an immutable routing snapshot. Filled by the protocol issue.
 */
package io.jtinc.graph;
