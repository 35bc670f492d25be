package dev.berth.remote.tls;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * One shared BouncyCastle provider instance, passed explicitly where needed (PEM decryption needs
 * {@code AES/CBC/PKCS7Padding}, which the JDK lacks) instead of registering it globally, so the rest of
 * the JVM keeps using the JDK providers. Created lazily because construction is not cheap.
 */
final class BcProvider {

    private BcProvider() {
    }

    private static final class Holder {
        static final Provider INSTANCE = new BouncyCastleProvider();
    }

    static Provider get() {
        return Holder.INSTANCE;
    }
}
