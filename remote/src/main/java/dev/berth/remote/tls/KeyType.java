package dev.berth.remote.tls;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Key algorithms offered for generated certificates. EC P-256 is the default: fast to generate, read everywhere. */
public enum KeyType {
    EC_P256("ec", "EC P-256"),
    RSA_2048("rsa2048", "RSA 2048"),
    RSA_4096("rsa4096", "RSA 4096");

    private final String cliName;
    private final String displayName;

    KeyType(String cliName, String displayName) {
        this.cliName = cliName;
        this.displayName = displayName;
    }

    /** The spelling used on the command line ({@code --key-type ec}). */
    public String cliName() {
        return cliName;
    }

    /** Matches {@link CertificateSummary#keyType()} for certificates with this key. */
    public String displayName() {
        return displayName;
    }

    /** @throws IllegalArgumentException naming the accepted spellings */
    public static KeyType fromCliName(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (KeyType type : values()) {
            if (type.cliName.equals(wanted)) {
                return type;
            }
        }
        throw new IllegalArgumentException("'" + name + "': expected one of " + cliNames());
    }

    /** e.g. {@code ec, rsa2048, rsa4096} */
    public static String cliNames() {
        return Arrays.stream(values()).map(KeyType::cliName).collect(Collectors.joining(", "));
    }

    KeyPair generate(SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator generator;
        switch (this) {
            case EC_P256 -> {
                generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            }
            case RSA_2048 -> {
                generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048, random);
            }
            case RSA_4096 -> {
                generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(4096, random);
            }
            default -> throw new IllegalStateException("unhandled key type " + this);
        }
        return generator.generateKeyPair();
    }
}
