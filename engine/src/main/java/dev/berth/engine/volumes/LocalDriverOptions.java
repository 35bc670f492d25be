package dev.berth.engine.volumes;

import dev.berth.engine.errors.EngineException;
import dev.berth.engine.host.LibC;
import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local driver's options ({@code docker volume create -o type=tmpfs -o device=tmpfs -o o=size=64m}): checked
 * as Docker checks them, and applied by mounting {@code device} on the volume's {@code _data} while a container
 * uses it.
 */
final class LocalDriverOptions {

    private static final Set<String> VALID = Set.of("type", "o", "device", "size");
    /** Docker's mandatoryOpts, checked in a fixed order (Go's map order is random). */
    private static final List<Map.Entry<String, List<String>>> REQUIRED = List.of(
            Map.entry("device", List.of("type")),
            Map.entry("type", List.of("device")),
            Map.entry("o", List.of("device", "type")));
    /** go-units RAMInBytes. */
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?");

    private LocalDriverOptions() {
    }

    /** Docker's validateOpts; messages prefixed {@code create NAME: } as Docker's OpErr does. */
    static void check(String name, Map<String, String> options) {
        if (options == null || options.isEmpty()) {
            return;
        }
        String prefix = "create " + name + ": ";
        for (String key : options.keySet()) {
            if (!VALID.contains(key)) {
                throw EngineException.badRequest(prefix + "invalid option: \"" + key + "\"");
            }
        }
        String device = options.get("device");
        if ("cifs".equals(options.get("type")) && device != null && !device.isEmpty()) {
            try {
                if (new URI(device).getPort() != -1) {
                    throw EngineException.badRequest(prefix
                            + "port not allowed in CIFS device URL, include 'port' in 'o='");
                }
            } catch (URISyntaxException e) {
                throw EngineException.badRequest(prefix + "error parsing mount device url: " + e.getMessage());
            }
        }
        String size = options.get("size");
        if (size != null) {
            // This engine has no project quotas (neither has Docker on ext4 or overlay-backed roots).
            if (sizeInBytes(prefix, size) > 0) {
                throw EngineException.badRequest(prefix + "quota size requested but no quota support");
            }
        }
        for (Map.Entry<String, List<String>> rule : REQUIRED) {
            if (options.containsKey(rule.getKey())) {
                for (String required : rule.getValue()) {
                    if (!options.containsKey(required)) {
                        throw EngineException.badRequest(prefix + "missing required option: \"" + required + "\"");
                    }
                }
            }
        }
    }

    private static long sizeInBytes(String prefix, String size) {
        Matcher m = SIZE.matcher(size);
        if (!m.matches()) {
            throw EngineException.badRequest(prefix + "invalid size: '" + size + "'");
        }
        double value;
        try {
            value = Double.parseDouble(m.group(1));
        } catch (NumberFormatException e) {
            throw EngineException.badRequest(prefix + "invalid size: '" + size + "'");
        }
        int power = m.group(2) == null ? 0 : "kmgtp".indexOf(Character.toLowerCase(m.group(2).charAt(0))) + 1;
        return (long) (value * Math.pow(1024, power));
    }

    /** Mounts the volume's device on {@code dataDir}, with mount(8) so every filesystem's option syntax works. */
    static void mount(String name, Map<String, String> options, Path dataDir) {
        List<String> cmd = new ArrayList<>(List.of("mount", "-t", options.getOrDefault("type", "none")));
        String o = options.getOrDefault("o", "");
        if (!o.isEmpty()) {
            cmd.add("-o");
            cmd.add(o);
        }
        cmd.add(options.getOrDefault("device", "none"));
        cmd.add(dataDir.toString());
        String failure = run(cmd);
        if (failure != null) {
            String password = passwordIn(o);
            if (password != null) {
                failure = failure.replace("password=" + password, "password=********");
            }
            throw EngineException.serverError("error while mounting volume '" + dataDir + "': "
                    + "failed to mount local volume: " + failure);
        }
    }

    /** Unmounts {@code dataDir}; lazily, so a mount still busy in a dying container does not fail removal. */
    static void unmount(Path dataDir) {
        try {
            LibC.INSTANCE.umount2(dataDir.toString(), LibC.MNT_DETACH);
        } catch (LastErrorException e) {
            if (isMountPoint(dataDir)) {
                throw EngineException.serverError("cannot unmount " + dataDir + ": " + LibC.describe(e));
            }
        }
    }

    /** Whether something is mounted exactly on {@code dir}, from /proc/self/mountinfo. */
    static boolean isMountPoint(Path dir) {
        try {
            String target = dir.toAbsolutePath().normalize().toString();
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] fields = line.split(" ");
                if (fields.length > 4 && unescape(fields[4]).equals(target)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** mountinfo escapes space, tab, newline and backslash as octal. */
    private static String unescape(String field) {
        Matcher m = Pattern.compile("\\\\([0-7]{3})").matcher(field);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 8))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String passwordIn(String o) {
        for (String part : o.split(",")) {
            if (part.startsWith("password=")) {
                return part.substring("password=".length());
            }
        }
        return null;
    }

    /** Runs a short command; null on success, else what it printed. */
    private static String run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return String.join(" ", cmd) + " did not finish within 60 s";
            }
            return p.exitValue() == 0 ? null : new String(out, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
