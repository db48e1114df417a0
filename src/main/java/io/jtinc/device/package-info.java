/**
 * The virtual network device: Linux TUN/TAP through JNA (TUNSETIFF), a dummy device, and an in-memory device for tests, plus the glue that puts the device's file descriptor into Netty's event loop.
 */
package io.jtinc.device;
