package io.jtinc.daemon;

import io.jtinc.config.ConfigException;
import io.jtinc.config.ConfigLoader;
import io.jtinc.config.NetDirectory;
import io.jtinc.config.ServerConfig;
import io.jtinc.config.SubnetSpec;
import io.jtinc.crypto.KeyLoading;
import io.jtinc.device.DeviceKind;
import io.jtinc.net.Transport;
import io.jtinc.node.CoreSettings;
import io.jtinc.node.NodeScripts;
import java.security.interfaces.RSAPrivateKey;
import io.jtinc.control.ControlServer;
import io.jtinc.control.PrometheusServer;
import io.jtinc.control.ControlTarget;
import io.jtinc.control.LogDumps;
import io.jtinc.node.NodeCore;
import java.util.function.Function;
import io.jtinc.device.Device;
import io.jtinc.device.DeviceAttachment;
import io.jtinc.device.Devices;
import io.jtinc.device.FrameHandler;
import io.jtinc.hooks.Hooks;
import io.jtinc.hooks.ScriptEnv;
import io.jtinc.hooks.ScriptRunner;
import io.jtinc.log.Log;
import io.netty.channel.IoEventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One running jtincd. The order of start and stop is tincd 1.0.36's, because scripts written for tincd depend on
 * it (spec §10, §11.5): pid file, device, tinc-up (awaited), then "Ready"; on TERM or INT the statistics, tinc-down
 * while the device still exists, then the device closes (the kernel removes a non-persistent TAP), the pid file
 * goes, "Terminating", exit 0. subnet-up runs for our own subnets right after tinc-up, subnet-down right before
 * tinc-down.
 *
 * <p>Threads: the main thread runs start-up and shutdown; one Netty event loop owns everything that changes while
 * running (signals are handed to it). Scripts run on the hooks' own executor, never on the loop.
 */
public final class Daemon {
    /** tincd runs scripts synchronously with no limit; we bound them so a hung script cannot wedge start-up. */
    static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(60);

    private final NetDirectory directory;
    private final Path pidfile;
    private final DaemonSettings settings;
    private volatile ServerConfig config;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final TrafficCounters counters = new TrafficCounters();
    private static final int MAX_DEVICE_ERRORS = 10;
    /** Only touched on the event loop. */
    private int consecutiveDeviceErrors;
    private volatile int exitStatus;

    private MultiThreadIoEventLoopGroup group;
    private IoEventLoop loop;
    private Device device;
    private DeviceAttachment attachment;
    private ScriptRunner scripts;
    private volatile MeshRuntime mesh;
    private final Transport transport = Transport.detect();
    private Hooks hooks;
    private ControlServer control;
    private PrometheusServer prometheus;

    public Daemon(NetDirectory directory, ServerConfig config, Path pidfile, DaemonSettings settings) {
        this.directory = directory;
        this.config = config;
        this.pidfile = pidfile;
        this.settings = settings;
    }

    /** Runs until TERM or INT; returns the exit status. */
    public int run() {
        long pid = ProcessHandle.current().pid();
        OptionalLong other = PidFile.runningPid(pidfile);
        if (other.isPresent() && other.getAsLong() != pid) {
            Log.error("A jtincd is already running with pid " + other.getAsLong() + ".");
            return 1;
        }
        try {
            PidFile.write(pidfile, pid);
        } catch (IOException e) {
            Log.error("Could not write pid file " + pidfile + ": " + e.getMessage());
            return 1;
        }
        try {
            if (!start()) {
                return 1;
            }
            stopRequested.await();
            return exitStatus;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            stop();
            PidFile.removeIfOurs(pidfile, pid);
            Log.notice("Terminating");
        }
    }

    private boolean start() {
        if (!bindPrometheus()) {
            return false;
        }
        try {
            device = Devices.open(DeviceSettingsMapper.map(config, directory));
        } catch (ConfigException e) {
            Log.error(e.getMessage());
            return false;
        } catch (IOException e) {
            Log.error(e.getMessage());
            return false;
        }
        group = transport.newGroup(1);
        loop = (IoEventLoop) group.next();
        try {
            attachment = DeviceAttachment.attach(device, loop, new FrameHandler() {
                @Override
                public void onFrame(ByteBuffer frame) {
                    onDeviceFrame(frame);
                }

                @Override
                public void onError(IOException e) {
                    onDeviceError(e);
                }

                @Override
                public void onBatchEnd() {
                    // The datagrams made from one drain of the device leave together (sendmmsg).
                    if (mesh != null) {
                        mesh.onDeviceBatchEnd();
                    }
                }
            });
        } catch (IOException e) {
            Log.error("Could not read from " + device.devicePath() + ": " + e.getMessage());
            return false;
        }
        scripts = new ScriptRunner(directory.confbase(), config.scriptsInterpreter(), SCRIPT_TIMEOUT);
        hooks = new Hooks(scripts, ScriptEnv.base(directory.netname().orElse(null), config.name(),
                device.devicePath(), device.interfaceName()));
        hooks.tincUp();
        // Awaited, as tincd runs them before "Ready"; each is bounded by the script timeout.
        CompletableFuture.allOf(ownSubnets().stream()
                .map(sn -> hooks.subnetUp(config.name(), sn.withoutWeight(), Integer.toString(sn.weight()),
                        Optional.empty(), Optional.empty()))
                .toArray(CompletableFuture[]::new)).join();
        try {
            RSAPrivateKey key = KeyLoading.ownPrivateKey(config.privateKeyHex(), config.myHost().publicKeyHex(),
                    config.privateKeyFile());
            CoreSettings core = CoreSettings.from(config, key, settings.options(), device.kind() == DeviceKind.TAP);
            mesh = loop.submit(() -> new MeshRuntime(transport, group, loop, device, config, core,
                    NodeScripts.of(hooks), counters)).get();
            // Enrolment by invitation (jtinc extension, io.jtinc.invite): answers "0 ?ID" on the meta port;
            // the route of an enrolled node runs on the scripts' thread, never on the loop.
            io.jtinc.node.NodeCore meshCore = mesh.core();
            loop.submit(() -> meshCore.setInvitations(io.jtinc.invite.HubInvitations.factory(directory, key,
                    scripts::runCommand, new io.jtinc.invite.InviteCounters()))).get();
            mesh.start();
        } catch (ConfigException e) {
            Log.error(e.getMessage());
            return false;
        } catch (IOException e) {
            Log.error(e.getMessage());
            return false;
        } catch (Exception e) {
            Log.error("Could not start the network: " + e);
            return false;
        }
        if (!settings.afterSetup()) {
            return false;
        }
        Signals.install(signalHandlers(), loop::execute);
        startControlSocket();
        if (prometheus != null) {
            prometheus.serve();
        }
        Log.notice("Ready");
        notifySystemd();
        Detacher.signalReady();
        ClassDataArchive.scheduleIfRequested();
        return true;
    }

    /**
     * Type=notify units: READY=1 now, and WATCHDOG=1 at half systemd's WatchdogSec, sent from the event loop, so a
     * wedged loop stops feeding the watchdog and systemd restarts the daemon.
     */
    private void notifySystemd() {
        SdNotify.send("READY=1\nSTATUS=Ready: net " + directory.netname().orElse("(none)") + ", node "
                + config.name());
        long watchdog = SdNotify.watchdogMicros();
        if (watchdog > 0) {
            long every = Math.max(watchdog / 2, 100_000);
            loop.scheduleAtFixedRate(() -> SdNotify.send("WATCHDOG=1"), every, every, TimeUnit.MICROSECONDS);
        }
    }

    /** The control socket for jtinc dump/info/log/reload/retry/stop; without it the daemon still runs (signals work). */
    private void startControlSocket() {
        Path socket = NetDirectory.controlSocketFor(pidfile);
        try {
            control = ControlServer.start(socket, controlTarget());
        } catch (IOException | RuntimeException e) {
            Log.error("Could not create control socket " + socket + ": " + e.getMessage()
                    + " (jtinc dump/info/log need it; signals still work)");
        }
    }

    /**
     * PrometheusAddress: configured but impossible (address in use, not ours) is fatal, like a bad config, and
     * found before the device is opened or any script runs.
     */
    private boolean bindPrometheus() {
        Optional<InetSocketAddress> address = config.prometheusAddress();
        if (address.isEmpty()) {
            return true;
        }
        try {
            prometheus = PrometheusServer.bind(address.get(), controlTarget());
            return true;
        } catch (IOException | RuntimeException e) {
            Log.error("Could not serve Prometheus metrics on " + address.get() + ": " + e.getMessage()
                    + " (PrometheusAddress in tinc.conf: choose a free port on an address of this machine)");
            return false;
        }
    }

    private ControlTarget controlTarget() {
        return new ControlTarget() {
                @Override
                public <T> T onLoop(Function<NodeCore, T> view) throws Exception {
                    return loop.submit(() -> view.apply(mesh == null ? null : mesh.core())).get(10, TimeUnit.SECONDS);
                }

                @Override
                public void reload() {
                    loop.execute(Daemon.this::reload);
                }

                @Override
                public void retry() {
                    loop.execute(signalHandlers().get("ALRM"));
                }

                @Override
                public void stop() {
                    stopRequested.countDown();
                }
            };
    }

    /** Our own subnets in tincd's order; subnet-up/down run for them at start and stop, as tincd does. */
    private List<SubnetSpec> ownSubnets() {
        return config.myHost().subnets().stream().sorted(SubnetSpec.TINC_ORDER).toList();
    }

    /** Frames the kernel sends into the VPN: counted, then routed by the node core. */
    private void onDeviceFrame(ByteBuffer frame) {
        consecutiveDeviceErrors = 0;
        counters.deviceIn(frame.remaining());
        if (Log.enabled(Log.TRAFFIC)) {
            Log.debug(Log.TRAFFIC, "Read packet of " + frame.remaining() + " bytes from " + device.devicePath());
        }
        if (mesh != null) {
            mesh.onDeviceFrame(frame);
        }
    }

    /** tincd gives up after ten device errors in a row (net.c), since a vanished device will never recover. */
    private void onDeviceError(IOException e) {
        Log.error(e.getMessage());
        if (++consecutiveDeviceErrors >= MAX_DEVICE_ERRORS) {
            Log.error("Too many errors from " + device.devicePath() + ", exiting!");
            exitStatus = 1;
            stopRequested.countDown();
        }
    }

    private Map<String, Runnable> signalHandlers() {
        Map<String, Runnable> handlers = new LinkedHashMap<>();
        handlers.put("TERM", stopRequested::countDown);
        // tincd 1.0.36 toggles -d5 on INT; jtinc stops, as our issue asks, so Ctrl-C in -D works as people expect.
        handlers.put("INT", stopRequested::countDown);
        handlers.put("HUP", this::reload);
        handlers.put("ALRM", () -> {
            Log.notice("Flushing event queue");
            if (mesh != null) {
                mesh.retryNow();
            }
        });
        handlers.put("WINCH", () -> {
            if (mesh != null) {
                mesh.core().purge();
            }
        });
        handlers.put("USR1", () -> LogDumps.connections(mesh == null ? null : mesh.core()));
        handlers.put("USR2", this::dumpState);
        return handlers;
    }

    /**
     * HUP: reopen the log file and re-read the configuration. Unlike tincd, which exits when the re-read fails
     * ("Unable to reread configuration file, exitting."), a broken edit leaves the running configuration in place:
     * a typo must not take a remote Pi off the network.
     */
    private void reload() {
        SdNotify.send("RELOADING=1\nMONOTONIC_USEC=" + SdNotify.monotonicMicros());
        try {
            reloadConfiguration();
        } finally {
            SdNotify.send("READY=1");
        }
    }

    private void reloadConfiguration() {
        Log.sink().reopen();
        try {
            config = ConfigLoader.loadServer(directory, settings.options());
            if (mesh != null) {
                mesh.reload(config);
            }
            Log.info(Log.STATUS, "Configuration reloaded from " + directory.tincConf());
        } catch (ConfigException e) {
            Log.error("Unable to reread configuration file, keeping the running configuration: "
                    + e.getMessage());
        }
    }

    private void dumpState() {
        LogDumps.statistics(device, counters);
        if (mesh != null) {
            LogDumps.mesh(mesh.core());
        } else {
            LogDumps.nodes(config);
            LogDumps.subnets(config);
        }
    }

    private void stop() {
        SdNotify.send("STOPPING=1");
        if (control != null) {
            control.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
        // Without a mesh (it failed to start) only the configured subnets had their subnet-up.
        List<SubnetSpec> goingDown = ownSubnets();
        if (mesh != null) {
            // Close every connection first, on the loop that owns them (tincd: close_network_connections).
            try {
                goingDown = loop.submit(mesh::shutDown).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                Log.error("Error while closing connections: " + e);
            }
        }
        if (device != null) {
            LogDumps.statistics(device, counters);
        }
        if (hooks != null) {
            // subnet-down for our own subnets, then tinc-down (the hooks run scripts one at a time, in order).
            for (SubnetSpec sn : goingDown) {
                hooks.subnetDown(config.name(), sn.withoutWeight(), Integer.toString(sn.weight()),
                        Optional.empty(), Optional.empty());
            }
            hooks.tincDown();
        }
        if (attachment != null) {
            attachment.close();
        }
        if (device != null) {
            device.close();
        }
        if (scripts != null) {
            scripts.close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
