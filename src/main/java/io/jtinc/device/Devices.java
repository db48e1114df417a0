package io.jtinc.device;

import io.jtinc.log.Log;
import java.io.IOException;

/** Opens the device the settings describe. */
public final class Devices {
    private Devices() {
    }

    /**
     * TUN/TAP through {@link LinuxTunTap}, DUMMY as a {@link DummyDevice}. An IOException's message is the line
     * tincd logs before it terminates (log it with Log.error).
     */
    public static Device open(DeviceSettings s) throws IOException {
        if (s.kind() == DeviceKind.DUMMY) {
            // Verified against tincd 1.0.36 with DeviceType = dummy (level 0).
            Log.info(Log.ALWAYS, "dummy (dummy) is a dummy device");
            return new DummyDevice();
        }
        return LinuxTunTap.open(s);
    }
}
