package dev.berth.remote.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegistryHostsTest {

    private static final String HUB = "https://index.docker.io/v1/";

    @ParameterizedTest(name = "{0} -> Docker Hub")
    @ValueSource(strings = {"busybox", "busybox:1.36", "library/busybox", "user/app:tag", "user/app@sha256:abc",
            "docker.io/library/busybox", "index.docker.io/user/app", "registry-1.docker.io/library/x",
            "team/sub/app:1"})
    void imagesWithoutRegistryAreDockerHub(String image) {
        assertEquals(HUB, RegistryHosts.forImage(image));
        assertEquals(HUB, RegistryHosts.normalize(image));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "registry.example.com/team/app:1, registry.example.com",
            "registry.example.com:5000/team/app@sha256:abc, registry.example.com:5000",
            "localhost/app, localhost",
            "localhost:5000/app:dev, localhost:5000",
            "10.0.0.5:5000/app, 10.0.0.5:5000",
            "ghcr.io/owner/app, ghcr.io",
            "myhost:5000/app, myhost:5000",
            "MyRegistry/app, myregistry",
    })
    void firstComponentWithDotColonLocalhostOrUpperCaseIsARegistry(String image, String registry) {
        assertEquals(registry, RegistryHosts.forImage(image));
        assertEquals(registry, RegistryHosts.normalize(image));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "registry.example.com, registry.example.com",
            "https://registry.example.com, registry.example.com",
            "https://registry.example.com/v2/, registry.example.com",
            "http://registry.example.com:5000/v1/, registry.example.com:5000",
            "localhost, localhost",
            "localhost:5000, localhost:5000",
            "10.0.0.5:5000, 10.0.0.5:5000",
            "https://index.docker.io/v1/, https://index.docker.io/v1/",
            "docker.io, https://index.docker.io/v1/",
            "index.docker.io, https://index.docker.io/v1/",
            "Registry.Example.COM, registry.example.com",
    })
    void registryAddressesNormalise(String address, String key) {
        assertEquals(key, RegistryHosts.normalize(address));
        assertEquals(key, RegistryHosts.forRegistry(address));
    }

    @Test
    void sameRegistryIgnoresSchemePathAndCase() {
        assertTrue(RegistryHosts.sameRegistry("https://registry.example.com", "registry.example.com"));
        assertTrue(RegistryHosts.sameRegistry("registry.example.com/v1/", "registry.example.com"));
        assertTrue(RegistryHosts.sameRegistry("http://registry.example.com/v2/", "REGISTRY.example.com"));
        assertTrue(RegistryHosts.sameRegistry("docker.io", HUB));
        assertTrue(RegistryHosts.sameRegistry("https://index.docker.io/v1", HUB));
        assertFalse(RegistryHosts.sameRegistry("registry.example.com:5000", "registry.example.com"));
        assertFalse(RegistryHosts.sameRegistry("other.example.com", "registry.example.com"));
        assertFalse(RegistryHosts.sameRegistry("", "registry.example.com"));
    }

    @Test
    void emptyInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> RegistryHosts.normalize(" "));
        assertThrows(IllegalArgumentException.class, () -> RegistryHosts.forRegistry("https:///v2/"));
    }
}
