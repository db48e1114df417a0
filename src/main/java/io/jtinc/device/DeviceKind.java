package io.jtinc.device;

/** tincd's DeviceType on Linux: TUN (router mode's default), TAP (switch/hub), or the dummy device. */
public enum DeviceKind {
    TUN, TAP, DUMMY
}
