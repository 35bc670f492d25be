package dev.berth.engine.cli;

import java.lang.reflect.Method;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies --log-level to the dev.berth loggers when Logback is the SLF4J backend (it is in the app); the engine
 * itself only depends on the SLF4J API.
 */
final class LogLevels {

    private LogLevels() {
    }

    static void apply(String level) {
        String logback = switch (level) {
            case "fatal" -> "ERROR";
            default -> level.toUpperCase();
        };
        Logger logger = LoggerFactory.getLogger("dev.berth");
        try {
            Class<?> levelClass = Class.forName("ch.qos.logback.classic.Level");
            Object value = levelClass.getMethod("toLevel", String.class).invoke(null, logback);
            Method setLevel = logger.getClass().getMethod("setLevel", levelClass);
            setLevel.invoke(logger, value);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Another backend: its own configuration decides.
        }
    }
}
