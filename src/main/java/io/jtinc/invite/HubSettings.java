package io.jtinc.invite;

import io.jtinc.config.ConfigEntry;
import io.jtinc.config.ConfigException;
import io.jtinc.config.ConfigLoader;
import io.jtinc.config.HostAddress;
import io.jtinc.config.NetDirectory;
import io.jtinc.config.ServerConfig;
import io.jtinc.crypto.KeyLoading;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Optional;

/**
 * What invitations need from a hub's configuration: its name and public key, the net's name, its public address
 * (hosts/HUB's first Address and its Port), and the optional delegation plan: {@code DelegationPrefix} (the
 * prefix whose /64s are handed out) and {@code TransferNetwork} (the hub is its ::1, nodes get ::2, ::3, ...).
 */
public record HubSettings(NetDirectory directory, String net, String name, RSAPublicKey publicKey,
        Optional<HostAddress> address, String port, Optional<Ipv6Prefix> prefix, Optional<Ipv6Prefix> transfer) {

    public static HubSettings load(NetDirectory directory) throws ConfigException {
        ServerConfig config = ConfigLoader.loadServer(directory, List.of());
        String net = directory.netname().orElseThrow(
                () -> new ConfigException("invitations need a net name (-n NET): it is part of the URL"));
        RSAPublicKey key = KeyLoading.peerPublicKey(config.myHost().publicKeyHex(), config.myHost().publicKeyFile(),
                config.myHost().file());
        Optional<Ipv6Prefix> prefix = prefix(config, "DelegationPrefix", 64);
        Optional<Ipv6Prefix> transfer = prefix(config, "TransferNetwork", 126);
        if (prefix.isPresent() != transfer.isPresent()) {
            throw new ConfigException(directory.tincConf(), 0,
                    "DelegationPrefix and TransferNetwork must be set together (the nodes' routes need both)");
        }
        List<HostAddress> addresses = config.myHost().addresses();
        return new HubSettings(directory, net, config.name(), key,
                addresses.isEmpty() ? Optional.empty() : Optional.of(addresses.get(0)), config.myHost().port(),
                prefix, transfer);
    }

    private static Optional<Ipv6Prefix> prefix(ServerConfig config, String variable, int maxLength)
            throws ConfigException {
        Optional<ConfigEntry> e = config.tree().lookup(variable);
        if (e.isEmpty()) {
            return Optional.empty();
        }
        try {
            Ipv6Prefix p = Ipv6Prefix.parse(e.get().value());
            if (p.length() > maxLength) {
                throw new IllegalArgumentException("the prefix must be /" + maxLength + " or shorter");
            }
            return Optional.of(p);
        } catch (IllegalArgumentException ex) {
            throw new ConfigException(e.get().file(), e.get().line(), variable + " = " + e.get().value()
                    + " is not valid: " + ex.getMessage());
        }
    }

    public boolean delegates() {
        return prefix.isPresent();
    }

    /** The hub's address on the transfer network: its ::1. */
    public Optional<String> hubTransferAddress() {
        return transfer.map(t -> t.host(1));
    }
}
