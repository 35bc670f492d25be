package dev.berth.engine.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.remote.auth.AuthConfig;
import dev.berth.remote.testing.Dockerd;
import dev.berth.remote.testing.ProcessResult;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The distribution protocol against a real docker-registry holding an image a real dockerd pushed. */
class RegistryClientTest {

    static String registry;
    static String pushed;

    @BeforeAll
    static void pushWithDockerd() {
        Dockerd dockerd = Dockerd.shared();
        registry = dockerd.registry();
        pushed = registry + "/berth-registry-client/busybox:v1";
        assertEquals(0, dockerd.docker("tag", Dockerd.BUSYBOX, pushed).exitCode());
        ProcessResult push = dockerd.docker("push", pushed);
        assertEquals(0, push.exitCode(), push.toString());
    }

    @Test
    void referencesNormaliseLikeTheDockerCli() {
        DistributionReference hub = DistributionReference.parse("busybox");
        assertEquals("docker.io", hub.domain());
        assertEquals("library/busybox", hub.path());
        assertEquals("latest", hub.tag());
        assertEquals("busybox:latest", hub.familiarTagged());
        DistributionReference local = DistributionReference.parse("127.0.0.1:5000/team/app:1.0");
        assertEquals("127.0.0.1:5000", local.domain());
        assertEquals("team/app", local.path());
        assertTrue(local.loopbackRegistry());
        assertEquals("127.0.0.1:5000/team/app:1.0", local.familiarTagged());
        assertThrows(RuntimeException.class, () -> DistributionReference.parse("Upper/Case"));
        assertThrows(RuntimeException.class, () -> DistributionReference.parse("a:b:c"));
    }

    @Test
    void pullsTheManifestAndVerifiedBlobs() throws Exception {
        RegistryClient client = new RegistryClient(DistributionReference.parse(pushed), AuthConfig.anonymous());
        RegistryClient.Manifest manifest = client.manifest();
        assertTrue(manifest.digest().startsWith("sha256:"));
        assertFalse(manifest.layers().isEmpty());
        byte[] config;
        try (InputStream in = client.blob(manifest.config().digest())) {
            config = in.readAllBytes();
        }
        assertEquals(manifest.config().digest(), RegistryClient.sha256(config));
        assertTrue(new String(config, StandardCharsets.UTF_8).contains("\"rootfs\""));
        try (InputStream in = client.blob(manifest.layers().get(0).digest())) {
            assertEquals(manifest.layers().get(0).size(), in.readAllBytes().length);
        }
    }

    @Test
    void pushesABlobAndAManifestThatPullsBack() throws Exception {
        DistributionReference target = DistributionReference.parse(registry + "/berth-registry-client/copy:v2");
        RegistryClient source = new RegistryClient(DistributionReference.parse(pushed), AuthConfig.anonymous());
        RegistryClient.Manifest manifest = source.manifest();
        RegistryClient destination = new RegistryClient(target, AuthConfig.anonymous());
        Path tmp = Files.createTempFile("berth-blob", ".bin");
        try {
            for (RegistryClient.Descriptor blob : concat(manifest)) {
                try (InputStream in = source.blob(blob.digest())) {
                    Files.write(tmp, in.readAllBytes());
                }
                if (!destination.hasBlob(blob.digest())) {
                    destination.uploadBlob(blob.digest(), blob.size(), tmp);
                }
                assertTrue(destination.hasBlob(blob.digest()));
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        String digest = destination.putManifest("v2", manifest.mediaType(), manifest.bytes());
        assertEquals(RegistryClient.sha256(manifest.bytes()), digest);
        RegistryClient.Manifest back = new RegistryClient(target, AuthConfig.anonymous()).manifest();
        assertArrayEquals(manifest.bytes(), back.bytes());
    }

    @Test
    void aMissingTagIsReportedAsDockerDoes() {
        RegistryClient client = new RegistryClient(
                DistributionReference.parse(registry + "/berth-registry-client/busybox:nope"), AuthConfig.anonymous());
        RegistryException e = assertThrows(RegistryException.class, client::manifest);
        assertEquals(404, e.status());
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void aTamperedBlobFailsVerification() throws Exception {
        RegistryClient.VerifyingStream in = new RegistryClient.VerifyingStream(
                new java.io.ByteArrayInputStream("tampered".getBytes(StandardCharsets.UTF_8)),
                RegistryClient.sha256("original".getBytes(StandardCharsets.UTF_8)));
        assertThrows(java.io.IOException.class, in::readAllBytes);
    }

    private static java.util.List<RegistryClient.Descriptor> concat(RegistryClient.Manifest m) {
        java.util.List<RegistryClient.Descriptor> all = new java.util.ArrayList<>(m.layers());
        all.add(m.config());
        return all;
    }
}
