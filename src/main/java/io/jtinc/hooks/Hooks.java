package io.jtinc.hooks;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The daemon's events mapped to tinc's scripts, in one place (spec §11.5). Host and subnet scripts complete
 * asynchronously; the runner's single worker keeps them in event order.
 */
public final class Hooks {
    private final ScriptRunner runner;
    private final ScriptEnv base;

    public Hooks(ScriptRunner runner, ScriptEnv base) {
        this.runner = Objects.requireNonNull(runner);
        this.base = Objects.requireNonNull(base);
    }

    /** After the device is opened, before the sockets are set up; awaited. */
    public int tincUp() {
        return runner.runAndWait("tinc-up", base);
    }

    /** At shutdown, after all connections are closed; awaited. */
    public int tincDown() {
        return runner.runAndWait("tinc-down", base);
    }

    /** A node became reachable: host-up, then hosts/NODE-up. */
    public CompletableFuture<?> hostUp(String node, String addr, String port) {
        return hostScripts(node, addr, port, "up");
    }

    /** A node became unreachable: host-down, then hosts/NODE-down. */
    public CompletableFuture<?> hostDown(String node, String addr, String port) {
        return hostScripts(node, addr, port, "down");
    }

    /** A subnet became usable; addr/port only for subnets of other nodes, as tincd does. */
    public CompletableFuture<?> subnetUp(String node, String subnet, String weight, Optional<String> addr,
                                         Optional<String> port) {
        return runner.run("subnet-up", subnetEnv(node, subnet, weight, addr, port));
    }

    public CompletableFuture<?> subnetDown(String node, String subnet, String weight, Optional<String> addr,
                                           Optional<String> port) {
        return runner.run("subnet-down", subnetEnv(node, subnet, weight, addr, port));
    }

    private CompletableFuture<?> hostScripts(String node, String addr, String port, String what) {
        ScriptEnv env = base.withNode(node, addr, port);
        CompletableFuture<Integer> generic = runner.run("host-" + what, env);
        if (!safeName(node)) {
            // Node names are checked by the protocol layer; this only keeps a bad name out of the file system.
            return generic;
        }
        CompletableFuture<Integer> specific = runner.run("hosts/" + node + "-" + what, env);
        return CompletableFuture.allOf(generic, specific);
    }

    private ScriptEnv subnetEnv(String node, String subnet, String weight, Optional<String> addr,
                                Optional<String> port) {
        return base.withNode(node, addr.orElse(null), port.orElse(null)).withSubnet(subnet, weight);
    }

    /** tinc node names are [A-Za-z0-9_]+ (spec §2.5). */
    private static boolean safeName(String node) {
        return node != null && node.matches("[A-Za-z0-9_]+");
    }
}
