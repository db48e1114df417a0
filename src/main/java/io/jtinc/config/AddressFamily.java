package io.jtinc.config;

/** AddressFamily: which socket families to listen and connect on. */
public enum AddressFamily {
    IPV4, IPV6, ANY
}
