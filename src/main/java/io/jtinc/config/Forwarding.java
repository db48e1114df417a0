package io.jtinc.config;

/** Forwarding: what to do with packets for other nodes. */
public enum Forwarding {
    OFF, INTERNAL, KERNEL
}
