package dev.berth.desktop.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.berth.remote.auth.AuthConfig;
import dev.berth.remote.auth.CredentialStore;
import dev.berth.remote.endpoint.DockerConfigDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sign-in choices of the pull and push dialogs become the credentials the engine is sent. */
class RegistryCredentialsTest {

    @Test
    void savedUsesWhatDockerLoginStoredForThatRegistry(@TempDir Path config) throws Exception {
        String auth = Base64.getEncoder().encodeToString("alice:s3cret".getBytes());
        Files.writeString(config.resolve("config.json"), "{\"auths\":{\"127.0.0.1:5000\":{\"auth\":\"" + auth + "\"}}}");
        CredentialStore store = new CredentialStore(new DockerConfigDir(config), Map.of());

        AuthConfig found = RegistryCredentials.saved().resolve(store, "127.0.0.1:5000/team/app:1.0");
        assertEquals(AuthConfig.basic("alice", "s3cret", "127.0.0.1:5000"), found);
        assertNull(RegistryCredentials.saved().resolve(store, "other.example.com/app"), "nothing saved: anonymous");
    }

    @Test
    void typedLoginGoesToTheImagesRegistryAndAnonymousSendsNothing(@TempDir Path config) {
        CredentialStore store = new CredentialStore(new DockerConfigDir(config), Map.of());
        assertEquals(AuthConfig.basic("bob", "pw", "registry.example.com"),
                RegistryCredentials.login(" bob ", "pw").resolve(store, "registry.example.com/app:1"));
        assertNull(RegistryCredentials.anonymous().resolve(store, "registry.example.com/app:1"));
        assertNotNull(RegistryCredentials.login("", "pw").problem());
        assertNull(RegistryCredentials.saved().problem());
    }
}
