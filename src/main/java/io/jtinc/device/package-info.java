/**
 * The virtual network device: Linux TUN/TAP through JNA (TUNSETIFF), a dummy device, and an in-memory device for
 * tests, plus the glue that puts the device's file descriptor into Netty's event loop. Each packet's read and
 * write go through Netty's JNI where its epoll library is loaded, and through JNA elsewhere ({@code DeviceFd}).
 * A TAP also takes the kernel's TCP segmentation offload: super-frames are cut into frames on read and merged
 * again on write ({@code OffloadSegmenter}, {@code OffloadCoalescer}), so the rest of jtinc only ever sees
 * ordinary frames.
 */
package io.jtinc.device;
