package io.jtinc.daemon;

import io.jtinc.log.Log;
import java.util.Map;
import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * tincd's signals through {@code sun.misc.Signal} (module jdk.unsupported, present on 17, 21 and 25; only QUIT
 * is taken by the VM). Handlers run on a JVM signal thread, so each one only hands its work to the daemon, which
 * runs it on the event loop.
 */
final class Signals {
    private Signals() {
    }

    /** Installs a handler per signal name; "Got NAME signal" is logged as tincd does, except for WINCH. */
    static void install(Map<String, Runnable> handlers, Consumer<Runnable> executor) {
        handlers.forEach((name, action) -> Signal.handle(new Signal(name), sig -> executor.accept(() -> {
            if (!name.equals("WINCH")) {
                Log.notice("Got " + name + " signal");
            }
            action.run();
        })));
    }
}
