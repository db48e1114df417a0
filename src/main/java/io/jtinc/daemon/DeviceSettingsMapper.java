package io.jtinc.daemon;

import io.jtinc.config.ConfigEntry;
import io.jtinc.config.ConfigException;
import io.jtinc.config.Mode;
import io.jtinc.config.NetDirectory;
import io.jtinc.config.ServerConfig;
import io.jtinc.device.DeviceKind;
import io.jtinc.device.DeviceSettings;
import java.util.Optional;

/**
 * tinc.conf's Device, DeviceType, Interface, IffOneQueue and Mode onto the device layer, as tincd 1.0.36 chooses
 * (spec §13): an explicit DeviceType wins; otherwise router mode uses TUN and switch and hub modes use TAP. The
 * interface is named by Interface, else after the net, else by the kernel.
 */
final class DeviceSettingsMapper {
    private DeviceSettingsMapper() {
    }

    static DeviceSettings map(ServerConfig config, NetDirectory directory) throws ConfigException {
        DeviceKind kind = switch (config.deviceType()) {
            case AUTO -> config.mode() == Mode.ROUTER ? DeviceKind.TUN : DeviceKind.TAP;
            case TUN -> DeviceKind.TUN;
            case TAP -> DeviceKind.TAP;
            case DUMMY -> DeviceKind.DUMMY;
            default -> throw unsupported(config);
        };
        Optional<String> name = config.interfaceName().or(directory::netname);
        return new DeviceSettings(kind, config.device(), name, config.iffOneQueue());
    }

    private static ConfigException unsupported(ServerConfig config) {
        Optional<ConfigEntry> entry = config.tree().lookup("DeviceType");
        String value = entry.map(ConfigEntry::value).orElse(config.deviceType().name());
        String message = "DeviceType = " + value + " is not supported by jtinc yet; expected tap, tun or dummy";
        return entry.map(e -> new ConfigException(e.file(), e.line(), message))
                .orElseGet(() -> new ConfigException(message));
    }
}
