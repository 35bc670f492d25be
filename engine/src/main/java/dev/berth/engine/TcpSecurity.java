package dev.berth.engine;

import dev.berth.engine.api.ApiServer;
import dev.berth.engine.cli.EngineOptions;
import dev.berth.remote.tls.ServerTls;
import java.net.InetAddress;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules for serving the API on TCP: anyone who reaches an unauthenticated listener has root on the host, so
 * non-loopback addresses need verified client certificates unless the operator explicitly accepts the risk.
 */
final class TcpSecurity {

    private static final Logger LOG = LoggerFactory.getLogger(TcpSecurity.class);

    private TcpSecurity() {
    }

    static void check(String host, InetAddress address, EngineOptions options) throws Engine.StartupException {
        if (options.usesTls() && (options.tlsCert() == null || options.tlsKey() == null)) {
            throw new Engine.StartupException("TLS on " + host + " needs --tlscert and --tlskey");
        }
        if (options.tlsVerify() && options.tlsCaCert() == null) {
            throw new Engine.StartupException("--tlsverify on " + host
                    + " needs --tlscacert, the CA that signs client certificates");
        }
        if (options.tlsVerify()) {
            return;
        }
        boolean loopback = address.isLoopbackAddress();
        if (!loopback && !options.allowInsecureTcp()) {
            throw new Engine.StartupException("refusing to serve the API on " + host + " without --tlsverify: "
                    + "anyone who can reach it would have root on this machine. Use --tlsverify with --tlscacert, "
                    + "--tlscert and --tlskey (berth tls generate makes them), or pass --allow-insecure-tcp to "
                    + "accept the risk.");
        }
        LOG.warn("SECURITY WARNING: the API on {} does not verify clients{}: any {} that can connect has root "
                + "access to this machine.", host, options.usesTls() ? " (TLS without --tlsverify)" : " (plain TCP)",
                loopback ? "local process or web page" : "host on the network");
    }

    static Supplier<SSLEngine> engines(EngineOptions options) throws Exception {
        if (!options.usesTls()) {
            return null;
        }
        ServerTls tls = ServerTls.fromFiles(options.tlsVerify() ? options.tlsCaCert() : null, options.tlsCert(),
                options.tlsKey(), options.tlsVerify());
        return ApiServer.serverEngines(tls.sslContext(), options.tlsVerify());
    }
}
