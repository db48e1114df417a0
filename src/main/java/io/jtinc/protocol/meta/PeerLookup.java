package io.jtinc.protocol.meta;

/**
 * Finds the credentials of a peer by name (hosts/NAME and its public key). Called on the connection's thread
 * while handling the peer's ID line, so it should be quick (cached host files) and must not block on the network.
 */
@FunctionalInterface
public interface PeerLookup {
    /**
     * @throws UnknownPeerException when there is no host file or no usable key; the connection is closed with
     *     tincd's "Peer HOST had unknown identity (NAME)" and the exception's message is logged at debug level
     */
    PeerCredentials lookup(String name) throws UnknownPeerException;

    /** Why a lookup failed. */
    final class UnknownPeerException extends Exception {
        public UnknownPeerException(String reason) {
            super(reason, null, false, false);
        }
    }
}
