package io.jtinc.config;

/** Routing mode (Mode): router (by Subnet), switch (by learned MAC) or hub (broadcast everything). */
public enum Mode {
    ROUTER, SWITCH, HUB
}
