/**
 * The data channel (UDP), sans-IO: {@link io.jtinc.protocol.data.DataKey} and
 * {@link io.jtinc.protocol.data.AnsKeyCheck} (ANS_KEY key material and its 1.0.35+ checks), the per-key
 * {@link io.jtinc.protocol.data.PacketEncoder}/{@link io.jtinc.protocol.data.PacketDecoder} (allocation-free,
 * thread-confined), the {@link io.jtinc.protocol.data.ReplayWindow}, PMTU discovery
 * ({@link io.jtinc.protocol.data.PmtuProber}, {@link io.jtinc.protocol.data.MtuProbes}) and
 * {@link io.jtinc.protocol.data.DataSizes}. No sockets, threads or clocks: time comes in as milliseconds.
 */
package io.jtinc.protocol.data;
