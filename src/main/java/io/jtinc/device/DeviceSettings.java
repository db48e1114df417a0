package io.jtinc.device;

import java.util.Objects;
import java.util.Optional;

/**
 * What the device layer needs from the config. The daemon maps tinc.conf's Device/DeviceType/Interface/
 * IffOneQueue/Mode onto it: switch/hub → TAP, router → TUN unless DeviceType says otherwise (spec §13).
 *
 * @param kind         TUN, TAP or DUMMY
 * @param devicePath   the clone device, "/dev/net/tun" unless Device says otherwise; exported as DEVICE
 * @param interfaceName the requested interface name (Interface, else the netname); empty lets the kernel choose
 * @param iffOneQueue  IffOneQueue = yes (adds the obsolete IFF_ONE_QUEUE flag, as tincd does)
 */
public record DeviceSettings(DeviceKind kind, String devicePath, Optional<String> interfaceName,
                             boolean iffOneQueue) {
    public static final String DEFAULT_DEVICE = "/dev/net/tun";

    public DeviceSettings {
        Objects.requireNonNull(kind, "kind");
        devicePath = devicePath == null || devicePath.isEmpty() ? DEFAULT_DEVICE : devicePath;
        interfaceName = interfaceName == null ? Optional.empty() : interfaceName.filter(s -> !s.isEmpty());
    }

    /** The default clone device and a kernel-chosen name. */
    public static DeviceSettings of(DeviceKind kind) {
        return new DeviceSettings(kind, DEFAULT_DEVICE, Optional.empty(), false);
    }

    public DeviceSettings withInterfaceName(String name) {
        return new DeviceSettings(kind, devicePath, Optional.ofNullable(name), iffOneQueue);
    }
}
