package dev.berth.engine.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.engine.testing.BerthEngine;
import dev.berth.remote.testing.Dockerd;
import dev.berth.remote.testing.ProcessResult;
import dev.berth.remote.testing.TestEngine;
import java.util.UUID;
import java.util.function.Function;

/**
 * Runs the same docker CLI command against Berth's engine and the real dockerd, so a test can assert "the same
 * observable result dockerd gives" rather than what we think Docker does.
 */
final class BothEngines {

    private BothEngines() {
    }

    static TestEngine berth() {
        return BerthEngine.shared();
    }

    static TestEngine dockerd() {
        return Dockerd.shared();
    }

    /** A name unique in this run, usable on both engines. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    record Pair(ProcessResult berth, ProcessResult dockerd) {
    }

    static Pair run(String... args) {
        return new Pair(berth().docker(args), dockerd().docker(args));
    }

    /** Same exit code and the same stdout (after {@code normalize}) on both engines; returns Berth's result. */
    static ProcessResult same(Function<String, String> normalize, String... args) {
        Pair pair = run(args);
        String what = String.join(" ", args);
        assertEquals(pair.dockerd().exitCode(), pair.berth().exitCode(),
                "exit code of `docker " + what + "`\nberth: " + pair.berth() + "\ndockerd: " + pair.dockerd());
        assertEquals(normalize.apply(pair.dockerd().stdout()), normalize.apply(pair.berth().stdout()),
                "stdout of `docker " + what + "`\nberth stderr: " + pair.berth().stderr());
        return pair.berth();
    }

    static ProcessResult same(String... args) {
        return same(Function.identity(), args);
    }

    /** Same exit code on both engines, and stderr of Berth's run containing {@code fragment}. */
    static ProcessResult sameFailure(String fragment, String... args) {
        Pair pair = run(args);
        String what = String.join(" ", args);
        assertEquals(pair.dockerd().exitCode(), pair.berth().exitCode(),
                "exit code of `docker " + what + "`\nberth: " + pair.berth() + "\ndockerd: " + pair.dockerd());
        if (!pair.berth().stderr().contains(fragment)) {
            throw new AssertionError("`docker " + what + "` on Berth should say \"" + fragment + "\"; it said: "
                    + pair.berth().stderr() + "\n(dockerd said: " + pair.dockerd().stderr() + ")");
        }
        return pair.berth();
    }

    /** Runs on both engines and requires success on both. */
    static void onBoth(String... args) {
        Pair pair = run(args);
        pair.berth().requireSuccess("berth: docker " + String.join(" ", args));
        pair.dockerd().requireSuccess("dockerd: docker " + String.join(" ", args));
    }

    /** Runs on both engines, ignoring the outcome (cleanup). */
    static void quietly(String... args) {
        run(args);
    }
}
