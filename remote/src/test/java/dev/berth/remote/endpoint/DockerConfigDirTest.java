package dev.berth.remote.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DockerConfigDirTest {

    @TempDir
    Path temp;

    @Test
    void defaultsToDotDockerInHome() {
        assertEquals(temp.resolve(".docker"), DockerConfigDir.resolve(Map.of(), temp).path());
        assertEquals(temp.resolve(".docker"), DockerConfigDir.resolve(Map.of("DOCKER_CONFIG", ""), temp).path());
    }

    @Test
    void dockerConfigIsADirectory() {
        Path custom = temp.resolve("custom");
        DockerConfigDir dir = DockerConfigDir.resolve(Map.of("DOCKER_CONFIG", custom.toString()), temp);
        assertEquals(custom, dir.path());
        assertEquals(custom.resolve("config.json"), dir.configFile());
        assertEquals(custom.resolve("contexts"), dir.contextsDir());
    }

    @Test
    void relativeDockerConfigBecomesAbsolute() {
        assertTrue(DockerConfigDir.resolve(Map.of("DOCKER_CONFIG", "rel"), temp).path().isAbsolute());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  \n", "null"})
    void emptyOrMissingConfigIsEmpty(String content) {
        DockerConfigDir dir = new DockerConfigDir(temp);
        assertNull(dir.readConfigFile().currentContext());
        DockerConfigFixture.write(dir.configFile(), content);
        DockerConfigFile config = dir.readConfigFile();
        assertNull(config.currentContext());
        assertNull(config.credsStore());
        assertEquals(Map.of(), config.credHelpers());
        assertEquals(0, config.auths().size());
    }

    @Test
    void readsTheFieldsBerthUsesAndIgnoresTheRest() {
        DockerConfigDir dir = new DockerConfigDir(temp);
        DockerConfigFixture.write(dir.configFile(), "{\n"
                + "  \"auths\": {\"https://index.docker.io/v1/\": {\"auth\": \"dXNlcjpwYXNz\"}},\n"
                + "  \"credsStore\": \"desktop\",\n"
                + "  \"credHelpers\": {\"gcr.io\": \"gcloud\"},\n"
                + "  \"currentContext\": \"prod\",\n"
                + "  \"psFormat\": \"table {{.ID}}\",\n"
                + "  \"plugins\": {\"x\": {\"y\": \"z\"}},\n"
                + "  \"somethingNew\": [1, 2, 3]\n"
                + "}");
        DockerConfigFile config = dir.readConfigFile();
        assertEquals("prod", config.currentContext());
        assertEquals("desktop", config.credsStore());
        assertEquals(Map.of("gcr.io", "gcloud"), config.credHelpers());
        assertEquals("dXNlcjpwYXNz", config.authEntry("https://index.docker.io/v1/").get("auth").asText());
        assertEquals("table {{.ID}}", config.root().get("psFormat").asText());
        assertEquals(dir.configFile(), config.file());
    }

    @Test
    void fieldNamesMatchCaseInsensitivelyLikeGo() {
        DockerConfigDir dir = new DockerConfigDir(temp);
        DockerConfigFixture.write(dir.configFile(), "{\"CurrentContext\":\"prod\",\"CREDSSTORE\":\"pass\"}");
        assertEquals("prod", dir.readConfigFile().currentContext());
        assertEquals("pass", dir.readConfigFile().credsStore());
    }

    @Test
    void malformedJsonNamesTheFile() {
        DockerConfigDir dir = new DockerConfigDir(temp);
        DockerConfigFixture.write(dir.configFile(), "{\"auths\": {");
        DockerConfigException e = assertThrows(DockerConfigException.class, dir::readConfigFile);
        assertTrue(e.getMessage().contains(dir.configFile().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    }

    @Test
    void nonObjectIsRejected() {
        DockerConfigDir dir = new DockerConfigDir(temp);
        DockerConfigFixture.write(dir.configFile(), "[1]");
        DockerConfigException e = assertThrows(DockerConfigException.class, dir::readConfigFile);
        assertTrue(e.getMessage().contains("should contain a JSON object"), e.getMessage());
    }

    @Test
    void wrongTypesAreExplained() {
        DockerConfigDir dir = new DockerConfigDir(temp);
        DockerConfigFixture.write(dir.configFile(), "{\"currentContext\": 5}");
        DockerConfigException e = assertThrows(DockerConfigException.class, dir::readConfigFile);
        assertTrue(e.getMessage().contains("\"currentContext\" should be a string but is 5"), e.getMessage());

        DockerConfigFixture.write(dir.configFile(), "{\"credHelpers\": {\"gcr.io\": true}}");
        e = assertThrows(DockerConfigException.class, dir::readConfigFile);
        assertTrue(e.getMessage().contains("credHelpers.gcr.io"), e.getMessage());
    }
}
