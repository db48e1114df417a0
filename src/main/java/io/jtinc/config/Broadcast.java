package io.jtinc.config;

/** Broadcast: how broadcast packets are forwarded (spec §8.5); "yes" in tinc.conf means MST. */
public enum Broadcast {
    NO, MST, DIRECT
}
