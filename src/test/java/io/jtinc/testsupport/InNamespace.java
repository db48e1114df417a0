package io.jtinc.testsupport;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A thread that lives inside a test's network namespace, for test clients written in Java (no python or netcat
 * needed in CI). setns(2) changes the namespace of the calling thread only, and sockets keep the namespace they
 * were created in, so every socket must be opened through {@link #call}.
 */
public final class InNamespace implements AutoCloseable {
    interface LibC extends Library {
        LibC C = Native.load("c", LibC.class);

        int open(String path, int flags);

        int setns(int fd, int nstype);

        int close(int fd);
    }

    private static final int CLONE_NEWNET = 0x40000000;

    private final ExecutorService thread;

    public InNamespace(Netns ns) throws Exception {
        thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "in-" + ns.name());
            t.setDaemon(true);
            return t;
        });
        thread.submit(() -> {
            int fd = LibC.C.open("/var/run/netns/" + ns.name(), 0);
            if (fd < 0 || LibC.C.setns(fd, CLONE_NEWNET) != 0) {
                throw new IllegalStateException("setns into " + ns.name() + " failed");
            }
            LibC.C.close(fd);
            return null;
        }).get(10, TimeUnit.SECONDS);
    }

    /** Runs the task on the namespace's thread and waits for it (up to the timeout). */
    public <T> T call(Callable<T> task, long timeoutSeconds) throws Exception {
        return thread.submit(task).get(timeoutSeconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
