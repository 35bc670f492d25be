package dev.berth.remote.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.remote.client.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fold of progress messages into layers and one percentage, on recorded dockerd 20.10 output. */
class ProgressAggregatorTest {

    private static ProgressMessage msg(String json) {
        try {
            return Json.MAPPER.readValue(json, ProgressMessage.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static final String A = "aaaaaaaaaaaa";
    private static final String B = "bbbbbbbbbbbb";

    @Test
    void pullLayersCountHalfWhenDownloadedAndWholeWhenExtracted() {
        ProgressAggregator agg = new ProgressAggregator();
        List<Double> seen = new ArrayList<>();
        agg.addListener(s -> seen.add(s.percent()));
        agg.accept(msg("{\"status\":\"Pulling from library/busybox\",\"id\":\"latest\"}"));
        assertEquals(0, agg.snapshot().layers().size(), "the tag in \"Pulling from\" is not a layer");
        agg.accept(msg("{\"status\":\"Pulling fs layer\",\"progressDetail\":{},\"id\":\"" + A + "\"}"));
        agg.accept(msg("{\"status\":\"Already exists\",\"progressDetail\":{},\"id\":\"" + B + "\"}"));
        assertEquals(50.0, agg.percent(), 0.001);
        agg.accept(msg("{\"status\":\"Downloading\",\"progressDetail\":{\"current\":500,\"total\":1000},"
                + "\"progress\":\"[=>  ]\",\"id\":\"" + A + "\"}"));
        assertEquals(62.5, agg.percent(), 0.001);
        agg.accept(msg("{\"status\":\"Download complete\",\"progressDetail\":{},\"id\":\"" + A + "\"}"));
        assertEquals(75.0, agg.percent(), 0.001);
        agg.accept(msg("{\"status\":\"Extracting\",\"progressDetail\":{\"current\":1000,\"total\":1000},\"id\":\"" + A + "\"}"));
        agg.accept(msg("{\"status\":\"Pull complete\",\"progressDetail\":{},\"id\":\"" + A + "\"}"));
        assertEquals(100.0, agg.percent(), 0.001);
        assertFalse(agg.snapshot().finished());
        agg.accept(msg("{\"status\":\"Digest: sha256:" + "0".repeat(64) + "\"}"));
        agg.accept(msg("{\"status\":\"Status: Downloaded newer image for busybox:latest\"}"));
        ProgressAggregator.Snapshot done = agg.snapshot();
        assertTrue(done.finished());
        assertNull(done.error());
        assertEquals("Status: Downloaded newer image for busybox:latest", done.status());
        assertEquals(List.of(A, B), done.layers().stream().map(ProgressAggregator.Layer::id).toList());
        assertEquals(List.of(0.0, 0.0, 50.0, 62.5, 75.0, 100.0, 100.0, 100.0, 100.0), seen);
    }

    @Test
    void pushBytesBeyondTheTotalAreCappedAndNothingGoesBackwards() {
        ProgressAggregator agg = new ProgressAggregator();
        agg.accept(msg("{\"status\":\"The push refers to repository [127.0.0.1:5000/x]\"}"));
        agg.accept(msg("{\"status\":\"Preparing\",\"progressDetail\":{},\"id\":\"" + A + "\"}"));
        agg.accept(msg("{\"status\":\"Pushing\",\"progressDetail\":{\"current\":1986560,\"total\":1982270},\"id\":\"" + A + "\"}"));
        assertEquals(100.0, agg.percent(), 0.001);
        assertEquals(1982270, agg.snapshot().layers().get(0).current());
        agg.accept(msg("{\"status\":\"Pushing\",\"progressDetail\":{\"current\":10,\"total\":1982270},\"id\":\"" + A + "\"}"));
        assertEquals(100.0, agg.percent(), 0.001, "a retry does not move the bar back");
        agg.accept(msg("{\"status\":\"v1: digest: sha256:" + "1".repeat(64) + " size: 527\"}"));
        assertTrue(agg.snapshot().finished());
    }

    @Test
    void anUpToDatePullWithoutLayersIsComplete() {
        ProgressAggregator agg = new ProgressAggregator();
        agg.accept(msg("{\"status\":\"Pulling from x\",\"id\":\"v1\"}"));
        assertEquals(0.0, agg.percent(), 0.001);
        agg.accept(msg("{\"status\":\"Status: Image is up to date for x:v1\"}"));
        assertEquals(100.0, agg.percent(), 0.001);
    }

    @Test
    void anInBandErrorFinishesWithTheMessageAndKeepsThePercentage() {
        ProgressAggregator agg = new ProgressAggregator();
        agg.accept(msg("{\"status\":\"Downloading\",\"progressDetail\":{\"current\":250,\"total\":1000},\"id\":\"" + A + "\"}"));
        agg.accept(msg("{\"errorDetail\":{\"message\":\"unexpected EOF\"},\"error\":\"unexpected EOF\"}"));
        ProgressAggregator.Snapshot s = agg.snapshot();
        assertTrue(s.finished());
        assertEquals("unexpected EOF", s.error());
        assertEquals(12.5, s.percent(), 0.001);
    }

    @Test
    void completeMarksTheEndForCallersThatOnlyKnowTheCallReturned() {
        ProgressAggregator agg = new ProgressAggregator();
        agg.accept(msg("{\"status\":\"Loading layer\",\"progressDetail\":{\"current\":32768,\"total\":65536},\"id\":\"" + A + "\"}"));
        assertEquals(50.0, agg.percent(), 0.001);
        agg.complete();
        assertEquals(100.0, agg.percent(), 0.001);
    }
}
