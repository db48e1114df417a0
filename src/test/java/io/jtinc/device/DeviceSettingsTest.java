package io.jtinc.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeviceSettingsTest {
    @Test
    void defaultsToTheCloneDeviceAndNoName() {
        DeviceSettings s = new DeviceSettings(DeviceKind.TAP, null, Optional.of(""), false);
        assertEquals("/dev/net/tun", s.devicePath());
        assertTrue(s.interfaceName().isEmpty());
        assertEquals(Optional.of("vpn0"), s.withInterfaceName("vpn0").interfaceName());
    }

    @Test
    void flagsAreTincds() {
        assertEquals(0x0001, TunConstants.flags(DeviceKind.TUN, false));
        assertEquals(0x1002, TunConstants.flags(DeviceKind.TAP, false));
        assertEquals(0x3002, TunConstants.flags(DeviceKind.TAP, true));
        assertEquals(0x2001, TunConstants.flags(DeviceKind.TUN, true));
    }

    @Test
    void missingCloneDeviceGivesTincdsMessage() {
        IOException e = assertThrows(IOException.class, () -> Devices.open(
                new DeviceSettings(DeviceKind.TAP, "/nonexistent/jtinc-tun", Optional.empty(), false)));
        assertEquals("Could not open /nonexistent/jtinc-tun: No such file or directory", e.getMessage());
    }

    @Test
    void aNonTunFileFailsTheIoctlWithTincdsMessage() {
        IOException e = assertThrows(IOException.class, () -> Devices.open(
                new DeviceSettings(DeviceKind.TUN, "/dev/null", Optional.empty(), false)));
        assertTrue(e.getMessage().startsWith("Error while trying to configure /dev/null: "), e.getMessage());
    }
}
