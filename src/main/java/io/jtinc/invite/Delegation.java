package io.jtinc.invite;

/**
 * What a node was given from the hub's DelegationPrefix: its /64 (text form "2001:db8:85a3:ef01::/64"), its
 * address on the transfer network, and the hub's address there (the next hop for the /56 on the node, the
 * gateway side of the /64's route on the hub).
 */
public record Delegation(String node, String subnet, String transferAddress, String hubTransferAddress,
        String prefix, int transferPrefixLength) {
}
