package io.jtinc.node;

import io.jtinc.config.ConfigException;
import io.jtinc.config.DeviceType;
import io.jtinc.config.HostConfig;
import io.jtinc.config.Mode;
import io.jtinc.config.NetDirectory;
import io.jtinc.config.ServerConfig;
import io.jtinc.crypto.Algorithms;
import io.jtinc.crypto.CipherAlgorithm;
import io.jtinc.crypto.DigestAlgorithm;
import io.jtinc.protocol.meta.ConnectionOptions;
import io.jtinc.route.RouterSettings;
import java.security.interfaces.RSAPrivateKey;
import java.util.List;

/**
 * Everything the node core takes from the configuration, resolved once (and again on reload). Our own Cipher,
 * Digest, MACLength and Compression govern traffic TO us: they go into every ANS_KEY we send (spec §4.1).
 */
public record CoreSettings(String myName, RSAPrivateKey privateKey, NetDirectory directory, List<String> options,
        HostConfig myHost, String myPort, int myOptions, CipherAlgorithm cipher, DigestAlgorithm digest,
        int macLength, int compression, long pingIntervalMillis, long pingTimeoutMillis, long keyExpireMillis,
        int replayWindowBytes, long macExpireMillis, int maxOutputBufferSize, boolean strictSubnets,
        boolean tunnelServer, boolean localDiscovery, RouterSettings router, int holePunchTtl) {

    public static CoreSettings from(ServerConfig config, RSAPrivateKey key, List<String> options,
                                    boolean tapDevice) throws ConfigException {
        HostConfig me = config.myHost();
        CipherAlgorithm cipher = Algorithms.cipherByName(me.cipher()).orElseThrow(() -> invalid(config, "Cipher",
                me.cipher(), "an OpenSSL cipher name such as aes-256-cbc, aes-128-cbc, blowfish or none"));
        DigestAlgorithm digest = Algorithms.digestByName(me.digest()).orElseThrow(() -> invalid(config, "Digest",
                me.digest(), "an OpenSSL digest name such as sha256, sha1, sha512 or none"));
        if (!digest.isNone() && me.macLength() > digest.size()) {
            throw invalid(config, "MACLength", Integer.toString(me.macLength()),
                    "0 to " + digest.size() + " (the size of " + digest.name() + ")");
        }
        if (me.compression() >= 10) {
            throw invalid(config, "Compression", Integer.toString(me.compression()),
                    "0 to 9: jtinc has no LZO (levels 10 and 11)");
        }
        boolean overwriteMac = config.mode() == Mode.ROUTER && (config.deviceType() == DeviceType.TAP || tapDevice);
        RouterSettings router = RouterSettings.defaults(config.mode()).withForwarding(config.forwarding())
                .withBroadcast(config.broadcast()).withTunnelServer(config.tunnelServer())
                .withDecrementTtl(config.decrementTtl()).withDirectOnly(config.directOnly())
                .withOverwriteMac(overwriteMac);
        return new CoreSettings(config.name(), key, config.directory(), List.copyOf(options), me, me.port(),
                ConnectionOptions.mine(me), cipher, digest, me.macLength(), me.compression(),
                config.pingInterval() * 1000L, config.pingTimeout() * 1000L, config.keyExpire() * 1000L,
                config.replayWindow(), config.macExpire() * 1000L, config.maxOutputBufferSize(),
                config.strictSubnets() || config.tunnelServer(), config.tunnelServer(), config.localDiscovery(),
                router, config.holePunchTtl());
    }

    private static ConfigException invalid(ServerConfig config, String variable, String value, String expected) {
        String message = variable + " = " + value + " is not supported; expected " + expected;
        return config.tree().lookup(variable).map(e -> new ConfigException(e.file(), e.line(), message))
                .orElseGet(() -> new ConfigException(message));
    }

    /** Whether PMTU discovery runs towards peers (our PMTUDiscovery, off with TCPOnly). */
    public boolean pmtuDiscovery() {
        return (myOptions & ConnectionOptions.PMTU_DISCOVERY) != 0;
    }

    @Override
    public String toString() {
        return "CoreSettings[" + myName + "]";
    }
}
