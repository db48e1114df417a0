/**
 * Enrolment by invitation (a jtinc extension): the invitation URL, the invitation and delegation files of a hub,
 * the sans-IO exchange that runs over the hub's meta port ({@link io.jtinc.invite.HubHandshake} on the hub,
 * {@link io.jtinc.invite.JoinHandshake} on the joining node), and the files both sides write afterwards (host
 * files, the generated tinc-up/tinc-down routing of the delegated /64s). Nothing here touches sockets.
 */
package io.jtinc.invite;
