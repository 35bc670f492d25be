package dev.berth.desktop.tlswizard;

import dev.berth.desktop.i18n.Texts;
import dev.berth.remote.tls.BundleFile.Role;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What writing into the chosen folder would do: which of the bundle's files it replaces, and whether the folder holds
 * somebody else's private keys (then the wizard refuses, so that a key is never mixed up with, or lost among, another
 * tool's). Blocking file I/O: call it in the background.
 */
final class OutputFolder {

    private static final Texts T = Texts.of(OutputFolder.class);

    /** Key files are small; anything larger is not a PEM key and is not read. */
    private static final int MAX_KEY_FILE = 64 * 1024;

    private OutputFolder() {
    }

    /**
     * The files a run writes into {@code out}.
     *
     * @param existingCaDir the CA to issue from, or null for a new CA
     * @param clientOnly    whether only a client certificate is issued
     */
    static Set<Role> rolesWritten(Path out, Path existingCaDir, boolean clientOnly) {
        Set<Role> roles = clientOnly ? EnumSet.of(Role.CA_CERT, Role.CLIENT_CERT, Role.CLIENT_KEY)
                : EnumSet.allOf(Role.class);
        if (existingCaDir != null) {
            roles.remove(Role.CA_KEY);
            if (caCertInPlace(out, existingCaDir, clientOnly)) {
                roles.remove(Role.CA_CERT);
            }
        }
        return roles;
    }

    /**
     * Whether {@code out} already has the CA's ca.pem: the very file (issuing into the CA's folder, as the generator
     * checks it) or, for a client certificate, the same bytes.
     */
    static boolean caCertInPlace(Path out, Path existingCaDir, boolean compareContent) {
        Path target = out.resolve(Role.CA_CERT.fileName());
        Path source = existingCaDir.resolve(Role.CA_CERT.fileName());
        try {
            if (!Files.exists(target) || !Files.exists(source)) {
                return false;
            }
            if (Files.isSameFile(source, target)) {
                return true;
            }
            return compareContent && Arrays.equals(Files.readAllBytes(source), Files.readAllBytes(target));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * @return a sentence saying why the wizard cannot write there, or "" when it can
     */
    static String problem(Path out, Set<Role> written, boolean overwrite) {
        if (!Files.exists(out)) {
            return "";
        }
        if (!Files.isDirectory(out)) {
            return T.get("output.is-file", out);
        }
        List<String> existing = new ArrayList<>();
        for (Role role : written) {
            if (Files.exists(out.resolve(role.fileName()))) {
                existing.add(role.fileName());
            }
        }
        Set<String> foreignKeys = foreignKeys(out);
        if (!foreignKeys.isEmpty()) {
            return T.get("output.foreign-keys", String.join(", ", foreignKeys));
        }
        if (!existing.isEmpty() && !overwrite) {
            return T.get("output.existing", String.join(", ", existing));
        }
        if (!Files.isWritable(out)) {
            return T.get("output.denied", out);
        }
        return "";
    }

    /** Files in the folder, other than the bundle's own names, that hold a PEM private key. */
    private static Set<String> foreignKeys(Path out) {
        Set<String> own = new TreeSet<>();
        for (Role role : Role.values()) {
            own.add(role.fileName());
        }
        Set<String> found = new TreeSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(out)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!own.contains(name) && Files.isRegularFile(file) && holdsPrivateKey(file)) {
                    found.add(name);
                }
            }
        } catch (IOException e) {
            // an unreadable folder shows up when writing, with its reason
        }
        return found;
    }

    private static boolean holdsPrivateKey(Path file) {
        try {
            if (Files.size(file) > MAX_KEY_FILE) {
                return false;
            }
            try (InputStream in = Files.newInputStream(file)) {
                String text = new String(in.readNBytes(MAX_KEY_FILE), StandardCharsets.ISO_8859_1);
                return text.contains("PRIVATE KEY-----");
            }
        } catch (IOException e) {
            return false;
        }
    }
}
