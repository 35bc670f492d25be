package dev.berth.desktop.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void printsLikeDockerInspectAndKeepsNulls() throws Exception {
        JsonNode node = new ObjectMapper().readTree("{\"Id\":\"abc\",\"Env\":[\"A=1\"],\"Labels\":{},\"Cmd\":[],\"Volumes\":null}");
        assertEquals("""
                {
                    "Id": "abc",
                    "Env": [
                        "A=1"
                    ],
                    "Labels": {},
                    "Cmd": [],
                    "Volumes": null
                }""", JsonText.pretty(node));
        assertEquals("A=1", JsonText.value(node.get("Env").get(0)));
        assertEquals("null", JsonText.value(node.get("Volumes")));
    }

    @Test
    void entriesMatchKeysAndScalarValuesIgnoringCase() throws Exception {
        JsonNode node = new ObjectMapper().readTree("{\"Config\":{\"Env\":[\"PATH=/bin\"]}}");
        JsonEntry config = new JsonEntry("Config", node.get("Config"), "Config");
        JsonEntry env = new JsonEntry("[0]", node.get("Config").get("Env").get(0), "Config.Env[0]");
        assertTrue(config.matches("conf"));
        assertFalse(config.matches("path"), "objects match by key only, not by their contents");
        assertTrue(env.matches("path=/"));
        assertEquals("{1 field}", config.display());
        assertEquals("\"PATH=/bin\"", env.display());
    }
}
