package dev.berth.engine.api;

/** Answers one request. Runs on a worker thread, so it may block; errors are thrown as EngineException. */
@FunctionalInterface
public interface Handler {

    Response handle(Request request) throws Exception;
}
