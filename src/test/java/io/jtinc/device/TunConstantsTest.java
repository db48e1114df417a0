package io.jtinc.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jtinc.testsupport.Sh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles native-tun/check_constants.c with gcc and compares every constant with the Java one, so a wrong
 * value (or a new architecture with different numbers) fails the build instead of an ioctl at run time.
 * Skipped without gcc (the constants are then only as good as native-tun/README.md).
 */
class TunConstantsTest {
    @Test
    void javaConstantsMatchTheCHeaders(@TempDir Path tmp) {
        assumeTrue(Sh.which("gcc") != null, "needs gcc");
        Path src = Path.of("native-tun", "check_constants.c");
        assertTrue(Files.exists(src), "run from the project directory: " + src.toAbsolutePath());
        Path exe = tmp.resolve("check_constants");
        Sh.Result cc = Sh.run(List.of("gcc", "-Wall", "-o", exe.toString(), src.toString()), 120);
        assertEquals(0, cc.status(), cc.output());
        Sh.Result run = Sh.run(List.of(exe.toString()), 30);
        assertEquals(0, run.status(), run.output());
        Map<String, Long> c = new HashMap<>();
        run.output().lines().map(l -> l.split("=", 2)).forEach(kv -> c.put(kv[0], Long.parseLong(kv[1])));

        assertEquals(c.get("TUNSETIFF"), TunConstants.TUNSETIFF, "TUNSETIFF");
        assertEquals(c.get("IFF_TUN"), (long) TunConstants.IFF_TUN, "IFF_TUN");
        assertEquals(c.get("IFF_TAP"), (long) TunConstants.IFF_TAP, "IFF_TAP");
        assertEquals(c.get("IFF_NO_PI"), (long) TunConstants.IFF_NO_PI, "IFF_NO_PI");
        assertEquals(c.get("IFF_ONE_QUEUE"), (long) TunConstants.IFF_ONE_QUEUE, "IFF_ONE_QUEUE");
        assertEquals(c.get("IFF_VNET_HDR"), (long) TunConstants.IFF_VNET_HDR, "IFF_VNET_HDR");
        assertEquals(c.get("TUNSETOFFLOAD"), TunConstants.TUNSETOFFLOAD, "TUNSETOFFLOAD");
        assertEquals(c.get("TUN_F_CSUM"), (long) TunConstants.TUN_F_CSUM, "TUN_F_CSUM");
        assertEquals(c.get("TUN_F_TSO4"), (long) TunConstants.TUN_F_TSO4, "TUN_F_TSO4");
        assertEquals(c.get("TUN_F_TSO6"), (long) TunConstants.TUN_F_TSO6, "TUN_F_TSO6");
        assertEquals(c.get("SIZEOF_VIRTIO_NET_HDR"), (long) OffloadSegmenter.VNET_HDR_LEN, "virtio_net_hdr");
        assertEquals(c.get("VIRTIO_NET_HDR_F_NEEDS_CSUM"), (long) OffloadSegmenter.F_NEEDS_CSUM, "NEEDS_CSUM");
        assertEquals(c.get("VIRTIO_NET_HDR_GSO_NONE"), (long) OffloadSegmenter.GSO_NONE, "GSO_NONE");
        assertEquals(c.get("VIRTIO_NET_HDR_GSO_TCPV4"), (long) OffloadSegmenter.GSO_TCPV4, "GSO_TCPV4");
        assertEquals(c.get("VIRTIO_NET_HDR_GSO_TCPV6"), (long) OffloadSegmenter.GSO_TCPV6, "GSO_TCPV6");
        assertEquals(c.get("IFNAMSIZ"), (long) TunConstants.IFNAMSIZ, "IFNAMSIZ");
        assertEquals(c.get("IFR_FLAGS_OFFSET"), (long) TunConstants.IFR_FLAGS_OFFSET, "ifr_flags offset");
        assertTrue(c.get("SIZEOF_IFREQ") <= TunConstants.IFREQ_SIZE, "the ifreq we allocate is too small");
        assertEquals(c.get("O_RDWR"), (long) LibC.O_RDWR, "O_RDWR");
        assertEquals(c.get("O_NONBLOCK"), (long) LibC.O_NONBLOCK, "O_NONBLOCK");
        assertEquals(c.get("O_CLOEXEC"), (long) LibC.O_CLOEXEC, "O_CLOEXEC");
        assertEquals(c.get("EPERM"), (long) LibC.EPERM, "EPERM");
        assertEquals(c.get("ENOENT"), (long) LibC.ENOENT, "ENOENT");
        assertEquals(c.get("EINTR"), (long) LibC.EINTR, "EINTR");
        assertEquals(c.get("EBADF"), (long) LibC.EBADF, "EBADF");
        assertEquals(c.get("EAGAIN"), (long) LibC.EAGAIN, "EAGAIN");
        assertEquals(c.get("EBUSY"), (long) LibC.EBUSY, "EBUSY");
        assertEquals(c.get("POLLIN"), (long) LibC.POLLIN, "POLLIN");
        assertEquals(c.get("SIZEOF_POLLFD"), (long) LibC.POLLFD_SIZE, "sizeof(struct pollfd)");
        assertEquals(c.get("POLLFD_EVENTS_OFFSET"), (long) LibC.POLLFD_EVENTS_OFFSET, "pollfd.events");
        assertEquals(c.get("POLLFD_REVENTS_OFFSET"), (long) LibC.POLLFD_REVENTS_OFFSET, "pollfd.revents");
    }
}
