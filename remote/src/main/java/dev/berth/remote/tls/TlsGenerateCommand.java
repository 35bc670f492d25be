package dev.berth.remote.tls;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.InvalidPathException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code berth tls generate}: creates a CA, server and client certificate for protecting a Docker daemon
 * with TLS, like Docker's guide does with a dozen openssl commands.
 *
 * <p>Exit codes: 0 success, 1 generation failed, 2 bad arguments. Errors are one line on stderr.
 */
public final class TlsGenerateCommand {

    private static final Logger log = LoggerFactory.getLogger(TlsGenerateCommand.class);

    static final String NAME = "berth tls generate";
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private static final Set<String> VALUE_OPTIONS = Set.of(
            "--out", "--host", "--client-name", "--key-type", "--days", "--ca-dir", "--ca-passphrase-file");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private TlsGenerateCommand() {
    }

    /** @param args the arguments after {@code tls generate} */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            out.print(usage());
            return OK;
        }
        TlsBundleRequest request;
        try {
            request = parse(args);
        } catch (UsageException e) {
            err.println(NAME + ": " + oneLine(e.getMessage()));
            err.println("Try '" + NAME + " --help'.");
            return USAGE;
        }
        try {
            TlsBundle bundle = new TlsBundleGenerator().generate(request);
            printResult(bundle, out);
            return OK;
        } catch (TlsMaterialException e) {
            // The message is the whole story for expected failures; no trace that a console log could leak.
            log.debug("tls generate failed: {} ({})", e.getMessage(), e.problem());
            err.println(NAME + ": " + oneLine(e.getMessage()));
            return FAILED;
        } catch (RuntimeException e) {
            log.error("tls generate failed unexpectedly", e);
            err.println(NAME + ": unexpected error (" + e.getClass().getSimpleName() + ": "
                    + oneLine(String.valueOf(e.getMessage())) + ")");
            return FAILED;
        } finally {
            if (request.caPassphrase() != null) {
                Arrays.fill(request.caPassphrase(), '\0');
            }
        }
    }

    public static String usage() {
        return """
                Usage: berth tls generate --out DIR --host NAME_OR_IP [--host NAME_OR_IP ...] [options]

                Creates TLS certificates for a Docker daemon listening on TCP, as in Docker's
                "Protect the Docker daemon socket" guide: ca.pem, ca-key.pem, server-cert.pem,
                server-key.pem (for the daemon) and cert.pem, key.pem (for clients). Keys get
                mode 0400, certificates 0444. Existing files are never replaced without --force.

                Options:
                  --out DIR                 directory to write the files to (created if missing)
                  --host NAME_OR_IP         DNS name or IP address (v4 or v6) clients use to reach the
                                            daemon; repeat for every name. The first one is the
                                            certificate's CN and the example in the printed commands.
                  --client-name NAME        CN of the client certificate (default: client)
                  --key-type TYPE           ec (P-256, default), rsa2048 or rsa4096
                  --days N                  validity of server and client certificates, 1..36500
                                            (default: 365); a new CA is valid for at least 3650 days
                  --ca-dir DIR              issue from an existing CA in DIR (ca.pem + ca-key.pem)
                                            instead of creating one; ca.pem is copied to --out
                  --ca-passphrase-file F    passphrase (first line of F) that decrypts the existing
                                            CA key, or encrypts the new ca-key.pem
                  --force                   replace existing files in --out
                  -h, --help                show this help

                Options also accept the --option=value form.
                Exit status: 0 success, 1 generation failed, 2 invalid arguments.
                """;
    }

    private static TlsBundleRequest parse(String[] args) throws UsageException {
        String out = null;
        List<String> hosts = new ArrayList<>();
        String clientName = null;
        String keyType = null;
        String days = null;
        String caDir = null;
        String passphraseFile = null;
        boolean force = false;

        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new UsageException(arg.startsWith("-") && arg.length() > 1
                        ? "unknown option '" + arg + "'" : "unexpected argument '" + arg + "'");
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            String value = eq < 0 ? null : arg.substring(eq + 1);
            if ("--force".equals(name)) {
                if (value != null) {
                    throw new UsageException("--force does not take a value");
                }
                force = true;
                continue;
            }
            if (!VALUE_OPTIONS.contains(name)) {
                throw new UsageException("unknown option '" + name + "'");
            }
            if (value == null) {
                // A following option means the value was forgotten, not that the value starts with "--".
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new UsageException("option " + name + " needs a value");
                }
                value = args[++i];
            }
            if (value.isEmpty()) {
                throw new UsageException("option " + name + " needs a non-empty value");
            }
            switch (name) {
                case "--out" -> out = once(name, out, value);
                case "--host" -> hosts.add(value);
                case "--client-name" -> clientName = once(name, clientName, value);
                case "--key-type" -> keyType = once(name, keyType, value);
                case "--days" -> days = once(name, days, value);
                case "--ca-dir" -> caDir = once(name, caDir, value);
                case "--ca-passphrase-file" -> passphraseFile = once(name, passphraseFile, value);
                default -> throw new IllegalStateException(name);
            }
        }

        if (out == null) {
            throw new UsageException("missing --out DIR (where to write the certificates)");
        }
        if (hosts.isEmpty()) {
            throw new UsageException("missing --host (the daemon's DNS name or IP address; repeat for several)");
        }
        for (String host : hosts) {
            try {
                HostNames.parse(host);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--host " + e.getMessage());
            }
        }
        TlsBundleRequest request = TlsBundleRequest.of(path("--out", out), hosts).withOverwrite(force);
        if (clientName != null) {
            try {
                request = request.withClientName(TlsBundleRequest.checkClientName(clientName));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--client-name '" + clientName + "': " + e.getMessage());
            }
        }
        if (keyType != null) {
            try {
                request = request.withKeyType(KeyType.fromCliName(keyType));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--key-type " + e.getMessage());
            }
        }
        if (days != null) {
            request = request.withDays(parseDays(days));
        }
        if (caDir != null) {
            Path dir = path("--ca-dir", caDir);
            if (!Files.isDirectory(dir)) {
                throw new UsageException("--ca-dir '" + caDir + "': not a directory");
            }
            request = request.withExistingCa(dir);
        }
        if (passphraseFile != null) {
            request = request.withCaPassphrase(readPassphrase(path("--ca-passphrase-file", passphraseFile)));
        }
        return request;
    }

    private static String once(String name, String previous, String value) throws UsageException {
        if (previous != null) {
            throw new UsageException("option " + name + " given more than once");
        }
        return value;
    }

    private static Path path(String option, String value) throws UsageException {
        try {
            return Paths.get(value);
        } catch (InvalidPathException e) {
            throw new UsageException(option + " '" + value + "': not a valid path");
        }
    }

    private static int parseDays(String value) throws UsageException {
        long days;
        try {
            days = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--days '" + value + "': not a whole number");
        }
        if (days < 1 || days > TlsBundleRequest.MAX_DAYS) {
            throw new UsageException("--days " + days + ": must be between 1 and " + TlsBundleRequest.MAX_DAYS);
        }
        return (int) days;
    }

    /** First line of the file, without its line ending; decoded without going through a String. */
    private static char[] readPassphrase(Path file) throws UsageException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UsageException("--ca-passphrase-file '" + file + "': no such file");
        } catch (AccessDeniedException e) {
            throw new UsageException("--ca-passphrase-file '" + file + "': permission denied");
        } catch (IOException e) {
            throw new UsageException("--ca-passphrase-file '" + file + "': cannot read (" + e.getMessage() + ")");
        }
        CharBuffer chars;
        try {
            chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new UsageException("--ca-passphrase-file '" + file + "': not UTF-8 text");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
        int end = 0;
        while (end < chars.length() && chars.charAt(end) != '\n') {
            end++;
        }
        if (end > 0 && chars.charAt(end - 1) == '\r') {
            end--;
        }
        char[] passphrase = new char[end];
        chars.get(passphrase, 0, end);
        if (chars.hasArray()) {
            Arrays.fill(chars.array(), '\0');
        }
        if (passphrase.length == 0) {
            throw new UsageException("--ca-passphrase-file '" + file + "': the first line is empty");
        }
        return passphrase;
    }

    private static void printResult(TlsBundle bundle, PrintStream out) {
        out.println((bundle.newCa() ? "Created a new CA and certificates in " : "Issued certificates from the existing CA into ")
                + bundle.outDir() + ":");
        for (BundleFile file : bundle.files()) {
            StringBuilder line = new StringBuilder("  ")
                    .append(file.mode()).append("  ")
                    .append(String.format("%-16s", file.role().fileName())).append(' ')
                    .append(file.role().description());
            if (file.encrypted()) {
                line.append(" (encrypted)");
            }
            if (file.role() == BundleFile.Role.CA_KEY) {
                line.append(", keep it off the daemon host");
            }
            CertificateSummary cert = file.certificate();
            if (cert != null) {
                line.append(", ").append(cert.subject());
                if (!cert.subjectAlternativeNames().isEmpty()) {
                    line.append(" for ").append(String.join(", ", cert.subjectAlternativeNames()));
                }
                line.append(", ").append(cert.keyType())
                        .append(", expires ").append(DATE.format(cert.notAfter()))
                        .append(" (").append(cert.daysUntilExpiry()).append(" days)");
            }
            out.println(line);
        }
        if (!bundle.file(BundleFile.Role.CA_CERT).isPresent()) {
            out.println("  ca.pem was already in place and left unchanged");
        }
        for (String warning : bundle.warnings()) {
            out.println("Warning: " + warning);
        }
        out.println();
        out.print(TlsUsageText.of(bundle).render());
    }

    private static String oneLine(String message) {
        return message.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    /** A bad command line: reported in one line with exit status 2. */
    private static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message, null, false, false);
        }
    }
}
