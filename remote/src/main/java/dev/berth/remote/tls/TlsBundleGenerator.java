package dev.berth.remote.tls;

import dev.berth.remote.tls.BundleFile.Role;
import dev.berth.remote.tls.TlsMaterialException.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates what Docker's "Protect the Docker daemon socket" guide makes with openssl: a CA (or reuses one),
 * a server certificate for the daemon and a client certificate, written as {@code ca.pem},
 * {@code ca-key.pem}, {@code server-cert.pem}, {@code server-key.pem}, {@code cert.pem}, {@code key.pem}.
 */
public final class TlsBundleGenerator {

    private static final Logger log = LoggerFactory.getLogger(TlsBundleGenerator.class);

    /** A new CA outlives its leaves so re-issuing them does not mean redistributing ca.pem. */
    static final int NEW_CA_MIN_DAYS = 3650;
    /** Tolerates clocks on daemon hosts (VMs, small boards) running a little behind. */
    static final Duration BACKDATE = Duration.ofMinutes(5);

    private final SecureRandom random;
    private final Clock clock;

    public TlsBundleGenerator() {
        this(new SecureRandom(), Clock.systemUTC());
    }

    /** A generator whose "now" is {@code clock}: certificates that are already expired, for testing expiry handling. */
    public TlsBundleGenerator(Clock clock) {
        this(new SecureRandom(), clock);
    }

    TlsBundleGenerator(SecureRandom random, Clock clock) {
        this.random = random;
        this.clock = clock;
    }

    /**
     * Generates and writes the bundle. Nothing is written unless all inputs (existing CA, target files) check
     * out first.
     */
    public TlsBundle generate(TlsBundleRequest request) throws TlsMaterialException {
        Path outDir = request.outDir().toAbsolutePath().normalize();
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new TlsMaterialException(Problem.WRITE_FAILED, outDir, outDir + " exists and is not a directory");
        }
        CertificateAuthority existingCa = request.existingCaDir() == null ? null
                : CertificateAuthority.load(request.existingCaDir(), request.caPassphrase());
        // Re-issuing into the CA's own directory: its ca.pem is already the right file.
        boolean caCertAlreadyInPlace = existingCa != null && sameFile(
                request.existingCaDir().resolve(CertificateAuthority.CERT_FILE), outDir.resolve(Role.CA_CERT.fileName()));
        List<Role> roles = rolesToWrite(existingCa == null, caCertAlreadyInPlace);
        if (!request.overwrite()) {
            refuseExisting(outDir, roles);
        }

        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant notBefore = now.minus(BACKDATE);
        List<String> warnings = new ArrayList<>();
        // Written (and listed) in Role order: ca.pem, ca-key.pem, server-cert.pem, ...
        Map<Role, byte[]> contents = new EnumMap<>(Role.class);
        CertificateAuthority ca;
        X509Certificate server;
        X509Certificate client;
        try {
            CertificateIssuer issuer = new CertificateIssuer(random);
            if (existingCa == null) {
                int caDays = Math.max(request.days(), NEW_CA_MIN_DAYS);
                ca = issuer.newAuthority(request.keyType().generate(random), notBefore, now.plus(Duration.ofDays(caDays)));
                contents.put(Role.CA_KEY, ascii(PemEncoder.privateKey(ca.key(), request.caPassphrase(), random)));
                contents.put(Role.CA_CERT, ascii(PemEncoder.certificate(ca.certificate())));
            } else {
                ca = existingCa;
                if (!caCertAlreadyInPlace) {
                    // Copied verbatim so a CA file carrying extra certificates stays intact.
                    contents.put(Role.CA_CERT,
                            Files.readAllBytes(request.existingCaDir().resolve(CertificateAuthority.CERT_FILE)));
                }
            }
            Instant leafNotAfter = now.plus(Duration.ofDays(request.days()));
            Instant caNotAfter = ca.certificate().getNotAfter().toInstant();
            if (leafNotAfter.isAfter(caNotAfter)) {
                // A leaf is useless once its CA expires; say so instead of printing a misleading date.
                leafNotAfter = caNotAfter;
                warnings.add("certificates expire with the CA on " + caNotAfter
                        + ", earlier than the requested " + request.days() + " days");
            }
            KeyPair serverKeys = request.keyType().generate(random);
            server = issuer.serverCertificate(ca, serverKeys.getPublic(), request.parsedHosts(), notBefore, leafNotAfter);
            KeyPair clientKeys = request.keyType().generate(random);
            client = issuer.clientCertificate(ca, clientKeys.getPublic(), request.clientName(), notBefore, leafNotAfter);
            // Docker refuses encrypted server keys, and the CLI no longer reads encrypted client keys.
            contents.put(Role.SERVER_KEY, ascii(PemEncoder.privateKey(serverKeys.getPrivate(), null, random)));
            contents.put(Role.SERVER_CERT, ascii(PemEncoder.certificate(server)));
            contents.put(Role.CLIENT_KEY, ascii(PemEncoder.privateKey(clientKeys.getPrivate(), null, random)));
            contents.put(Role.CLIENT_CERT, ascii(PemEncoder.certificate(client)));
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsMaterialException(Problem.CRYPTO_FAILURE, null, "cannot create certificates: " + e.getMessage(), e);
        }

        CertificateSummary caSummary = CertificateSummary.of(ca.certificate(), clock);
        CertificateSummary serverSummary = CertificateSummary.of(server, clock);
        CertificateSummary clientSummary = CertificateSummary.of(client, clock);
        Map<Role, CertificateSummary> summaries = Map.of(
                Role.CA_CERT, caSummary, Role.SERVER_CERT, serverSummary, Role.CLIENT_CERT, clientSummary);
        List<BundleFile> files = write(outDir, contents, summaries,
                existingCa == null && request.caPassphrase() != null);
        log.info("Wrote TLS bundle to {} (new CA: {}, hosts {}, key type {})", outDir, existingCa == null,
                request.hosts(), request.keyType());
        return new TlsBundle(outDir, request.hosts(), existingCa == null, caSummary, serverSummary, clientSummary,
                files, warnings);
    }

    private static List<Role> rolesToWrite(boolean newCa, boolean caCertAlreadyInPlace) {
        List<Role> roles = new ArrayList<>(List.of(Role.values()));
        if (!newCa) {
            roles.remove(Role.CA_KEY);
        }
        if (caCertAlreadyInPlace) {
            roles.remove(Role.CA_CERT);
        }
        return roles;
    }

    private static void refuseExisting(Path outDir, List<Role> roles) throws TlsMaterialException {
        List<String> existing = roles.stream()
                .map(role -> outDir.resolve(role.fileName()))
                .filter(Files::exists)
                .map(path -> path.getFileName().toString())
                .toList();
        if (!existing.isEmpty()) {
            throw new TlsMaterialException(Problem.TARGET_EXISTS, outDir.resolve(existing.get(0)),
                    outDir + " already contains " + String.join(", ", existing)
                            + "; choose another directory or overwrite (--force)");
        }
    }

    private List<BundleFile> write(Path outDir, Map<Role, byte[]> contents, Map<Role, CertificateSummary> summaries,
            boolean caKeyEncrypted) throws TlsMaterialException {
        List<BundleFile> files = new ArrayList<>();
        Path current = outDir;
        try {
            SecureFiles.createPrivateDirectories(outDir);
            for (Map.Entry<Role, byte[]> entry : contents.entrySet()) {
                Role role = entry.getKey();
                current = outDir.resolve(role.fileName());
                Set<PosixFilePermission> mode = role.isKey() ? SecureFiles.KEY_MODE : SecureFiles.CERT_MODE;
                SecureFiles.writeAtomically(current, entry.getValue(), mode);
                files.add(new BundleFile(role, current, SecureFiles.mode(current), summaries.get(role),
                        role == Role.CA_KEY && caKeyEncrypted));
            }
        } catch (AccessDeniedException e) {
            throw new TlsMaterialException(Problem.WRITE_FAILED, current, "cannot write " + current + ": permission denied", e);
        } catch (IOException e) {
            throw new TlsMaterialException(Problem.WRITE_FAILED, current, "cannot write " + current + ": " + e.getMessage(), e);
        }
        return files;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] ascii(String pem) {
        return pem.getBytes(StandardCharsets.US_ASCII);
    }
}
