package io.jtinc.protocol.meta;

import io.jtinc.config.HostConfig;
import java.security.interfaces.RSAPublicKey;

/**
 * The peer as the handshake established it, handed over with {@link MetaAction.Activated}.
 *
 * @param name the authenticated node name
 * @param host its host config from the lookup (null only if the lookup gave none)
 * @param publicKey its RSA key
 * @param outgoing true when we connected (initiator)
 * @param ackPort the port string from the peer's ACK; the edge address is the TCP peer IP with this port
 *     (tincd's sockaddr_setport: 0 or non-numeric keeps the TCP port)
 * @param peerWeight the weight in the peer's ACK
 * @param myWeight the weight we sent (ms from creation to our ACK, or the Weight from hosts/PEER)
 * @param edgeWeight (peerWeight + myWeight) / 2, C integer division: the weight of our edge to the peer
 * @param options the connection options after ack_h's rules: put them in our ADD_EDGE
 */
public record PeerInfo(String name, HostConfig host, RSAPublicKey publicKey, boolean outgoing, String ackPort,
        int peerWeight, int myWeight, int edgeWeight, int options) {
}
