/*
 * Prints the kernel and libc constants that jtinc's JNA code hard-codes (io.jtinc.device.TunConstants and
 * LibC), one "NAME=decimal" per line, so TunConstantsTest can compare them with the Java values on the build
 * machine's architecture. Written for jtinc; not derived from tinc.
 *
 *   gcc -o check_constants check_constants.c && ./check_constants
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/if_tun.h>
#include <linux/virtio_net.h>
#include <net/if.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/ioctl.h> /* _IOW, which TUNSETIFF uses */

#define SHOW(name, value) printf("%s=%ld\n", name, (long)(value))

int main(void) {
	SHOW("TUNSETIFF", (unsigned long)TUNSETIFF);
	SHOW("IFF_TUN", IFF_TUN);
	SHOW("IFF_TAP", IFF_TAP);
	SHOW("IFF_NO_PI", IFF_NO_PI);
	SHOW("IFF_ONE_QUEUE", IFF_ONE_QUEUE);
	SHOW("IFF_VNET_HDR", IFF_VNET_HDR);
	SHOW("TUNSETOFFLOAD", (unsigned long)TUNSETOFFLOAD);
	SHOW("TUN_F_CSUM", TUN_F_CSUM);
	SHOW("TUN_F_TSO4", TUN_F_TSO4);
	SHOW("TUN_F_TSO6", TUN_F_TSO6);
	SHOW("SIZEOF_VIRTIO_NET_HDR", sizeof(struct virtio_net_hdr));
	SHOW("VIRTIO_NET_HDR_F_NEEDS_CSUM", VIRTIO_NET_HDR_F_NEEDS_CSUM);
	SHOW("VIRTIO_NET_HDR_GSO_NONE", VIRTIO_NET_HDR_GSO_NONE);
	SHOW("VIRTIO_NET_HDR_GSO_TCPV4", VIRTIO_NET_HDR_GSO_TCPV4);
	SHOW("VIRTIO_NET_HDR_GSO_TCPV6", VIRTIO_NET_HDR_GSO_TCPV6);
	SHOW("IFNAMSIZ", IFNAMSIZ);
	SHOW("IFR_FLAGS_OFFSET", offsetof(struct ifreq, ifr_flags));
	SHOW("SIZEOF_IFREQ", sizeof(struct ifreq));
	SHOW("O_RDWR", O_RDWR);
	SHOW("O_NONBLOCK", O_NONBLOCK);
	SHOW("O_CLOEXEC", O_CLOEXEC);
	SHOW("EPERM", EPERM);
	SHOW("ENOENT", ENOENT);
	SHOW("EINTR", EINTR);
	SHOW("EBADF", EBADF);
	SHOW("EAGAIN", EAGAIN);
	SHOW("EBUSY", EBUSY);
	SHOW("POLLIN", POLLIN);
	SHOW("SIZEOF_POLLFD", sizeof(struct pollfd));
	SHOW("POLLFD_EVENTS_OFFSET", offsetof(struct pollfd, events));
	SHOW("POLLFD_REVENTS_OFFSET", offsetof(struct pollfd, revents));
	return 0;
}
