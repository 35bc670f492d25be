package dev.berth.engine.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints the tail of every running Berth engine's log when a test fails, so a CI failure shows what the engine
 * did. Use with {@code @ExtendWith(EngineLogOnFailure.class)} on docker-CLI test classes.
 */
public final class EngineLogOnFailure implements TestWatcher {

    private static final int LINES = 80;

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        for (BerthEngine engine : BerthEngine.running()) {
            System.err.println("---- last " + LINES + " lines of the berth engine log (" + engine.logFile() + ") after "
                    + context.getDisplayName() + " failed ----");
            System.err.println(engine.logTail(LINES));
            System.err.println("---- end of engine log ----");
        }
    }
}
