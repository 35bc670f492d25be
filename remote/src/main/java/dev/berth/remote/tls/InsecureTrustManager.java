package dev.berth.remote.tls;

import java.net.Socket;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts any server certificate: the "TLS without verification" mode of {@code docker --tls} and
 * contexts with {@code SkipTLSVerify}. Extends {@link X509ExtendedTrustManager} so JSSE does not wrap it
 * and add its own endpoint checks behind our back.
 */
final class InsecureTrustManager extends X509ExtendedTrustManager {

    static final InsecureTrustManager INSTANCE = new InsecureTrustManager();

    private InsecureTrustManager() {
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
