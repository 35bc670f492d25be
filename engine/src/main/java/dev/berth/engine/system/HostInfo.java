package dev.berth.engine.system;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Facts about the host that /info and /version report, read from /proc and /etc like dockerd does. */
public final class HostInfo {

    private HostInfo() {
    }

    public static String kernelVersion() {
        return read(Path.of("/proc/sys/kernel/osrelease"), "unknown");
    }

    public static String operatingSystem() {
        for (String line : lines(Path.of("/etc/os-release"))) {
            if (line.startsWith("PRETTY_NAME=")) {
                return unquote(line.substring("PRETTY_NAME=".length()));
            }
        }
        return "Linux";
    }

    public static String osVersion() {
        for (String line : lines(Path.of("/etc/os-release"))) {
            if (line.startsWith("VERSION_ID=")) {
                return unquote(line.substring("VERSION_ID=".length()));
            }
        }
        return "";
    }

    public static long memTotal() {
        for (String line : lines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                String[] parts = line.trim().split("\\s+");
                return Long.parseLong(parts[1]) * 1024;
            }
        }
        return 0;
    }

    public static String hostname() {
        String name = read(Path.of("/proc/sys/kernel/hostname"), "");
        if (!name.isEmpty()) {
            return name;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** "x86_64" as uname -m says it; Docker's /version says the Go name ("amd64"). */
    public static String machine() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64" -> "aarch64";
            default -> arch;
        };
    }

    public static String goArch() {
        return switch (machine()) {
            case "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> machine();
        };
    }

    private static String read(Path file, String fallback) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            return fallback;
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String unquote(String value) {
        return value.replaceAll("^\"|\"$", "");
    }
}
