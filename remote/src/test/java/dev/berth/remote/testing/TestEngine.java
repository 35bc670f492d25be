package dev.berth.remote.testing;

import dev.berth.remote.endpoint.EngineEndpoint;
import java.util.Map;

/**
 * An engine tests run against: the real dockerd, or Berth's own engine (engine/'s test-jar). Both hold the busybox
 * test image {@link Dockerd#BUSYBOX} and are driven with the real docker CLI.
 */
public interface TestEngine {

    EngineEndpoint unixEndpoint();

    /** Runs the real docker CLI against this engine. */
    ProcessResult docker(String... args);

    ProcessResult dockerWith(Map<String, String> env, byte[] stdin, String... args);

    /** A docker-registry on loopback that this engine can push to and pull from. */
    String registry();
}
