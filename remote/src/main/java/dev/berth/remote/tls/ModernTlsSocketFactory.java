package dev.berth.remote.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Delegating factory whose sockets only speak TLS 1.2+ (see {@link TlsProtocols}) and, when asked, give up on a
 * handshake after a while. OkHttp would otherwise wait for the server's hello as long as its read timeout allows
 * (forever on streaming clients), and a plain-HTTP server still waiting for a request line never answers a
 * ClientHello. OkHttp sets the socket's read timeout again before the first request, so the bound covers only the
 * handshake.
 */
final class ModernTlsSocketFactory extends SSLSocketFactory {

    private final SSLSocketFactory delegate;
    private final int handshakeTimeoutMillis;

    ModernTlsSocketFactory(SSLSocketFactory delegate) {
        this(delegate, 0);
    }

    ModernTlsSocketFactory(SSLSocketFactory delegate, int handshakeTimeoutMillis) {
        this.delegate = delegate;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
        return restrict(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        return restrict(delegate.createSocket(s, host, port, autoClose));
    }

    @Override
    public Socket createSocket(Socket s, InputStream consumed, boolean autoClose) throws IOException {
        return restrict(delegate.createSocket(s, consumed, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return restrict(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return restrict(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return restrict(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return restrict(delegate.createSocket(address, port, localAddress, localPort));
    }

    private Socket restrict(Socket socket) throws IOException {
        if (socket instanceof SSLSocket ssl) {
            TlsProtocols.restrict(ssl);
        }
        if (handshakeTimeoutMillis > 0) {
            socket.setSoTimeout(handshakeTimeoutMillis);
        }
        return socket;
    }
}
