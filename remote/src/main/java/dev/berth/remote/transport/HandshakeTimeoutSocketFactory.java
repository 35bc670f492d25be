package dev.berth.remote.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Bounds the TLS handshake by the connect timeout. OkHttp would otherwise wait for the server's hello as long as
 * the read timeout allows, forever on streaming clients, and a plain-HTTP server that is still waiting for a request
 * line never answers a ClientHello. OkHttp sets the socket's own read timeout again before the first request, so
 * this only covers the handshake.
 */
final class HandshakeTimeoutSocketFactory extends SSLSocketFactory {

    private final SSLSocketFactory delegate;
    private final int handshakeTimeoutMillis;

    HandshakeTimeoutSocketFactory(SSLSocketFactory delegate, int handshakeTimeoutMillis) {
        this.delegate = delegate;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
    }

    private Socket bounded(Socket socket) throws IOException {
        if (handshakeTimeoutMillis > 0) {
            socket.setSoTimeout(handshakeTimeoutMillis);
        }
        return socket;
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        return bounded(delegate.createSocket(s, host, port, autoClose));
    }

    @Override
    public Socket createSocket() throws IOException {
        return bounded(delegate.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return bounded(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return bounded(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return bounded(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return bounded(delegate.createSocket(address, port, localAddress, localPort));
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }
}
