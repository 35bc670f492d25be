package dev.berth.desktop.tlswizard;

import dev.berth.desktop.i18n.Texts;
import dev.berth.remote.tls.BundleFile;
import dev.berth.remote.tls.BundleFile.Role;
import dev.berth.remote.tls.CertificateAuthority;
import dev.berth.remote.tls.TlsBundle;
import dev.berth.remote.tls.TlsBundleGenerator;
import dev.berth.remote.tls.TlsBundleRequest;
import dev.berth.remote.tls.TlsMaterialException;
import dev.berth.remote.tls.TlsMaterialException.Problem;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Issues one more client certificate from an existing CA, for another user or machine: the result is a folder with
 * {@code ca.pem}, {@code cert.pem} and {@code key.pem} and nothing else. The bundle generator always makes a server
 * certificate too; that one is made in an owner-only scratch folder inside the target and deleted, so no server key
 * is left on a client's machine.
 */
final class ClientCertificateIssuer {

    private static final Texts T = Texts.of(ClientCertificateIssuer.class);

    private ClientCertificateIssuer() {
    }

    /**
     * @param request the CA ({@code existingCaDir}, required), client name, key type, days and target folder; its
     *                hosts only name the discarded server certificate
     */
    static TlsBundle issue(TlsBundleGenerator generator, TlsBundleRequest request) throws TlsMaterialException {
        if (request.existingCaDir() == null) {
            throw new IllegalArgumentException("issuing a client certificate needs an existing CA");
        }
        Path target = request.outDir().toAbsolutePath().normalize();
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new TlsMaterialException(Problem.WRITE_FAILED, target, T.get("issue.not-a-directory", target));
        }
        Set<Role> roles = OutputFolder.rolesWritten(target, request.existingCaDir(), true);
        if (!request.overwrite()) {
            List<String> existing = roles.stream().map(Role::fileName)
                    .filter(name -> Files.exists(target.resolve(name))).toList();
            if (!existing.isEmpty()) {
                throw new TlsMaterialException(Problem.TARGET_EXISTS, target.resolve(existing.get(0)),
                        T.get("issue.exists", target, String.join(", ", existing)));
            }
        }
        // The CA first (wrong passphrase, missing key): a refusal leaves no trace, not even the folder.
        CertificateAuthority.load(request.existingCaDir(), request.caPassphrase());
        Path staging = null;
        try {
            createPrivateDirectories(target);
            staging = Files.createTempDirectory(target, ".berth-issue-");
            TlsBundle staged = generator.generate(new TlsBundleRequest(staging, request.hosts(), request.clientName(),
                    request.keyType(), request.days(), request.existingCaDir(), request.caPassphrase(), false));
            List<BundleFile> files = new ArrayList<>();
            for (Role role : roles) {
                BundleFile file = staged.file(role).orElseThrow();
                Path destination = target.resolve(role.fileName());
                move(file.path(), destination);
                files.add(new BundleFile(role, destination, file.mode(), file.certificate(), file.encrypted()));
            }
            return new TlsBundle(target, staged.hosts(), false, staged.ca(), staged.server(), staged.client(), files,
                    staged.warnings());
        } catch (IOException e) {
            throw new TlsMaterialException(Problem.WRITE_FAILED, target, T.get("issue.unwritable", target, e.getMessage()), e);
        } finally {
            if (staging != null) {
                deleteTree(staging);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void createPrivateDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (dir.getParent() != null) {
            createPrivateDirectories(dir.getParent());
        }
        Files.createDirectory(dir);
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // left behind: owner-only, and named as Berth's
                }
            });
        } catch (IOException e) {
            // nothing to delete
        }
    }
}
