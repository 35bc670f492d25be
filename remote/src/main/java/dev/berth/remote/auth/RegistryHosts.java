package dev.berth.remote.auth;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The registry key under which credentials are stored and sent: {@code host[:port]} for a private registry,
 * {@code https://index.docker.io/v1/} for Docker Hub (docker/cli {@code registry.ResolveAuthConfig},
 * distribution/reference domain rules).
 */
public final class RegistryHosts {

    /** The key Docker Hub credentials live under, for historical reasons a URL. */
    public static final String DOCKER_HUB = "https://index.docker.io/v1/";

    private static final Set<String> HUB_HOSTS =
            Set.of("docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com");
    private static final Pattern HOST_WITH_PORT = Pattern.compile("[^:/]+:[0-9]+");

    private RegistryHosts() {
    }

    /**
     * The registry key for an image reference ({@code busybox}, {@code user/app:tag},
     * {@code registry.example.com:5000/team/app@sha256:…}) or a registry address ({@code registry.example.com},
     * {@code https://registry.example.com/v2/}, {@code localhost:5000}).
     *
     * <p>A bare word is ambiguous; it is read as a registry only when it looks like one: a scheme, a dotted host
     * without a tag-like suffix, {@code localhost}, or {@code host:port} with a dotted host or localhost.
     * {@code busybox:1.36} stays a Docker Hub image.
     */
    public static String normalize(String imageRefOrRegistry) {
        String value = requireText(imageRefOrRegistry);
        if (value.contains("://")) {
            return forRegistry(value);
        }
        if (value.indexOf('/') >= 0) {
            return forImage(value);
        }
        return looksLikeRegistry(value) ? forRegistry(value) : DOCKER_HUB;
    }

    /**
     * The registry of an image reference. Like distribution/reference, the first path component names a registry
     * only if it contains '.' or ':', is {@code localhost}, or has upper-case letters; otherwise it is Docker Hub.
     */
    public static String forImage(String imageRef) {
        String value = requireText(imageRef);
        int slash = value.indexOf('/');
        if (slash < 0) {
            return DOCKER_HUB;
        }
        String first = value.substring(0, slash);
        boolean isDomain = first.indexOf('.') >= 0 || first.indexOf(':') >= 0 || first.equals("localhost")
                || !first.equals(first.toLowerCase(Locale.ROOT));
        return isDomain ? forRegistry(first) : DOCKER_HUB;
    }

    /**
     * The key for a registry address as users and tools store it: the scheme and any path ({@code /v1/},
     * {@code /v2/}) are dropped (docker/cli {@code ConvertToHostname}), and all of Docker Hub's names map to
     * {@link #DOCKER_HUB}.
     */
    public static String forRegistry(String address) {
        String value = requireText(address);
        String host = value;
        int scheme = host.indexOf("://");
        if (scheme >= 0) {
            host = host.substring(scheme + 3);
        }
        int slash = host.indexOf('/');
        if (slash >= 0) {
            host = host.substring(0, slash);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("\"" + address + "\" does not name a registry host.");
        }
        String lower = host.toLowerCase(Locale.ROOT);
        return HUB_HOSTS.contains(lower) ? DOCKER_HUB : lower;
    }

    /** Whether a key as stored in config.json (possibly with scheme or path) means the same registry. */
    public static boolean sameRegistry(String storedKey, String registryKey) {
        if (storedKey == null || storedKey.isBlank() || registryKey == null || registryKey.isBlank()) {
            return false;
        }
        return forRegistry(storedKey).equals(forRegistry(registryKey));
    }

    private static boolean looksLikeRegistry(String value) {
        if (value.equals("localhost") || value.contains("://")) {
            return true;
        }
        if (HOST_WITH_PORT.matcher(value).matches()) {
            String host = value.substring(0, value.indexOf(':'));
            return host.indexOf('.') >= 0 || host.equals("localhost");
        }
        return value.indexOf(':') < 0 && value.indexOf('.') >= 0;
    }

    private static String requireText(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("An image reference or registry address is needed, but it is empty.");
        }
        return value.strip();
    }
}
