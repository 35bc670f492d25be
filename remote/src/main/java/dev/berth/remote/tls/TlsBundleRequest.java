package dev.berth.remote.tls;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What to generate. Validated on construction, so an existing request is always usable; start from
 * {@link #of(Path, List)} and adjust with the {@code with...} methods.
 *
 * @param outDir where the bundle is written (created if missing)
 * @param hosts server names (DNS names, IPv4/IPv6 literals), normalised and de-duplicated; the first is the
 *     server certificate's CN and the example host in usage text
 * @param clientName CN of the client certificate
 * @param days validity of the server and client certificates (a new CA gets at least 10 years)
 * @param existingCaDir directory with {@code ca.pem} and {@code ca-key.pem} to issue from; {@code null} for a new CA
 * @param caPassphrase decrypts an existing CA key, or encrypts a new one; {@code null} for none. Not copied,
 *     so the caller can wipe it afterwards.
 * @param overwrite replace existing files in {@code outDir} instead of refusing
 */
public record TlsBundleRequest(
        Path outDir,
        List<String> hosts,
        String clientName,
        KeyType keyType,
        int days,
        Path existingCaDir,
        char[] caPassphrase,
        boolean overwrite) {

    public static final String DEFAULT_CLIENT_NAME = "client";
    public static final KeyType DEFAULT_KEY_TYPE = KeyType.EC_P256;
    public static final int DEFAULT_DAYS = 365;
    public static final int MAX_DAYS = 36_500;
    /** X.520 upper bound for a common name. */
    private static final int MAX_CN_LENGTH = 64;

    public TlsBundleRequest {
        Objects.requireNonNull(outDir, "outDir");
        if (hosts == null || hosts.isEmpty()) {
            throw new IllegalArgumentException("at least one host (DNS name or IP address) is required");
        }
        Set<String> normalised = new LinkedHashSet<>();
        for (String host : hosts) {
            normalised.add(HostNames.parse(host).value());
        }
        hosts = List.copyOf(normalised);
        clientName = clientName == null ? DEFAULT_CLIENT_NAME : checkClientName(clientName);
        keyType = keyType == null ? DEFAULT_KEY_TYPE : keyType;
        checkDays(days);
    }

    /**
     * @return the trimmed name
     * @throws IllegalArgumentException when it is empty, too long for a CN or has control characters
     */
    public static String checkClientName(String name) {
        String trimmed = name.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("client name must not be empty");
        }
        if (trimmed.length() > MAX_CN_LENGTH || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("client name must be at most " + MAX_CN_LENGTH
                    + " printable characters");
        }
        return trimmed;
    }

    /** @throws IllegalArgumentException unless {@code days} is within 1..{@value #MAX_DAYS} */
    public static int checkDays(int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("days must be between 1 and " + MAX_DAYS + ", got " + days);
        }
        return days;
    }

    public static TlsBundleRequest of(Path outDir, List<String> hosts) {
        return new TlsBundleRequest(outDir, hosts, null, null, DEFAULT_DAYS, null, null, false);
    }

    public TlsBundleRequest withClientName(String name) {
        return new TlsBundleRequest(outDir, hosts, name, keyType, days, existingCaDir, caPassphrase, overwrite);
    }

    public TlsBundleRequest withKeyType(KeyType type) {
        return new TlsBundleRequest(outDir, hosts, clientName, type, days, existingCaDir, caPassphrase, overwrite);
    }

    public TlsBundleRequest withDays(int validityDays) {
        return new TlsBundleRequest(outDir, hosts, clientName, keyType, validityDays, existingCaDir, caPassphrase,
                overwrite);
    }

    public TlsBundleRequest withExistingCa(Path caDir) {
        return new TlsBundleRequest(outDir, hosts, clientName, keyType, days, caDir, caPassphrase, overwrite);
    }

    public TlsBundleRequest withCaPassphrase(char[] passphrase) {
        return new TlsBundleRequest(outDir, hosts, clientName, keyType, days, existingCaDir, passphrase, overwrite);
    }

    public TlsBundleRequest withOverwrite(boolean replace) {
        return new TlsBundleRequest(outDir, hosts, clientName, keyType, days, existingCaDir, caPassphrase, replace);
    }

    /** The hosts with their SAN kind, in request order. */
    public List<HostNames.Host> parsedHosts() {
        List<HostNames.Host> parsed = new ArrayList<>();
        for (String host : hosts) {
            parsed.add(HostNames.parse(host));
        }
        return parsed;
    }

    public String primaryHost() {
        return hosts.get(0);
    }

    @Override
    public String toString() {
        // Never print the passphrase, not even its array identity.
        return "TlsBundleRequest[outDir=" + outDir + ", hosts=" + hosts + ", clientName=" + clientName
                + ", keyType=" + keyType + ", days=" + days + ", existingCaDir=" + existingCaDir
                + ", caPassphrase=" + (caPassphrase == null ? "none" : "***") + ", overwrite=" + overwrite + "]";
    }
}
