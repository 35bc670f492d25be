/**
 * TLS material for Docker engines: reading PEM certificates and keys ({@link dev.berth.remote.tls.PemFiles}),
 * client and server {@code SSLContext}s ({@link dev.berth.remote.tls.ClientTls},
 * {@link dev.berth.remote.tls.ServerTls}), generating a CA/server/client bundle like Docker's "protect the
 * daemon socket" guide ({@link dev.berth.remote.tls.TlsBundleGenerator}) and the {@code berth tls} command.
 */
package dev.berth.remote.tls;
