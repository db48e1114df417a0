package io.jtinc.config;

/**
 * DeviceType values of tinc.conf. AUTO is the default when DeviceType is unset (TUN in router mode, TAP otherwise,
 * decided by the device code); tincd 1.0.36 itself refuses the literal word "auto", and so does our parser.
 * VDE is listed because tinc 1.0 knows it, but Debian's tincd is built without it, so the parser refuses it too.
 */
public enum DeviceType {
    AUTO, TUN, TAP, DUMMY, RAW_SOCKET, MULTICAST, UML, VDE
}
