/**
 * Per-frame routing decisions (tincd route.c, spec §8, §6.4, §5.9), sans-IO.
 *
 * <ul>
 *   <li>{@link io.jtinc.route.RoutingSnapshot}: immutable view of the mesh (per node reachable/via/nexthop/mtu/
 *       options, MST fan-outs) and the {@link io.jtinc.route.SubnetTable}. Built by the lead on its event loop
 *       after every graph run, subnet change or learned/expired MAC; published to data-plane threads.</li>
 *   <li>{@link io.jtinc.route.Router}: thread-safe; {@code route(frame, sourceNode, snapshot, nowMillis)} returns a
 *       {@link io.jtinc.route.RouteDecision} and may modify the frame in place (TTL, MSS).</li>
 *   <li>{@link io.jtinc.route.MacLearner}: switch mode's learned MACs (bounded, aging with injected time).</li>
 *   <li>{@link io.jtinc.route.MssClamp}, {@link io.jtinc.route.IcmpErrors}, {@link io.jtinc.route.Ipv4Fragmenter},
 *       {@link io.jtinc.route.Checksums}: pure frame functions.</li>
 * </ul>
 */
package io.jtinc.route;
