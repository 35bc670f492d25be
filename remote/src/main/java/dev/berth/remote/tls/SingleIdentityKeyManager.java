package dev.berth.remote.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * Presents our one certificate whenever its key type is acceptable, ignoring the peer's list of
 * acceptable issuers.
 *
 * <p>JSSE's stock key managers send no client certificate at all when its issuer is not in the server's
 * {@code certificate_authorities} list; dockerd then reports "client didn't provide a certificate",
 * which sends users hunting in the wrong place. Sending the certificate anyway makes the daemon reject
 * that specific certificate, which is the error worth showing.
 */
final class SingleIdentityKeyManager extends X509ExtendedKeyManager {

    private final X509KeyManager delegate;
    private final String alias;
    private final String keyAlgorithm;
    private volatile List<String> lastRequestedIssuers = List.of();

    SingleIdentityKeyManager(X509KeyManager delegate, String alias, String keyAlgorithm) {
        this.delegate = delegate;
        this.alias = alias;
        this.keyAlgorithm = keyAlgorithm;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        remember(issuers);
        return acceptsAnyOf(keyTypes) ? alias : null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        remember(issuers);
        return acceptsAnyOf(keyTypes) ? alias : null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return accepts(keyType) ? alias : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return accepts(keyType) ? alias : null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return accepts(keyType) ? new String[] {alias} : null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return accepts(keyType) ? new String[] {alias} : null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String requested) {
        return delegate.getCertificateChain(requested);
    }

    @Override
    public PrivateKey getPrivateKey(String requested) {
        return delegate.getPrivateKey(requested);
    }

    /**
     * The CA names the server listed in its last certificate request; when it rejects our certificate this
     * says which CA it wanted instead. Empty before any request or when the server listed none.
     */
    List<String> lastRequestedIssuers() {
        return lastRequestedIssuers;
    }

    private void remember(Principal[] issuers) {
        if (issuers != null && issuers.length > 0) {
            lastRequestedIssuers = Arrays.stream(issuers).map(Principal::getName).toList();
        }
    }

    // JSSE asks once per signature scheme with that scheme's key type ("EC", "RSA", "RSASSA-PSS", ...);
    // answering only for our own key type lets it pick a scheme our key can actually sign with.
    private boolean acceptsAnyOf(String[] keyTypes) {
        return keyTypes != null && Arrays.stream(keyTypes).anyMatch(this::accepts);
    }

    private boolean accepts(String keyType) {
        return keyAlgorithm.equals(keyType);
    }
}
