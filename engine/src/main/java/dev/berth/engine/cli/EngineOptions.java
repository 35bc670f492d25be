package dev.berth.engine.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * How to run the engine, from dockerd-like flags and a daemon.json.
 *
 * @param hosts          listen addresses: unix:///path or tcp://host:port
 * @param dataRoot       persistent state (images, containers, volumes)
 * @param execRoot       runtime state (runc state, exit files, FIFOs)
 * @param group          group that owns the Unix sockets (0660)
 * @param allowInsecureTcp serve TCP without verified client certificates on non-loopback addresses
 * @param bridge         the host bridge of the default {@code bridge} network
 * @param bip            the default bridge's address and prefix (its gateway and subnet)
 * @param addressPool    where user-defined networks' subnets come from: base CIDR and subnet size
 */
public record EngineOptions(
        List<String> hosts,
        Path dataRoot,
        Path execRoot,
        String runtime,
        String logLevel,
        String group,
        boolean tls,
        boolean tlsVerify,
        Path tlsCaCert,
        Path tlsCert,
        Path tlsKey,
        boolean allowInsecureTcp,
        String bridge,
        String bip,
        String addressPoolBase,
        int addressPoolSize) {

    public static final String DEFAULT_SOCKET = "unix:///run/berth/berth.sock";

    public static EngineOptions defaults() {
        return new EngineOptions(List.of(DEFAULT_SOCKET), Path.of("/var/lib/berth"), Path.of("/run/berth"),
                "runc", "info", "berth", false, false, null, null, null, false, "berth0", "172.31.0.1/16",
                "10.201.0.0/16", 24);
    }

    /** Whether any TLS option asks for TLS; --tlsverify implies --tls, as in dockerd. */
    public boolean usesTls() {
        return tls || tlsVerify;
    }
}
