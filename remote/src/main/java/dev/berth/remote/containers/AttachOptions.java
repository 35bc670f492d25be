package dev.berth.remote.containers;

/**
 * Options of {@code POST /containers/{id}/attach}.
 *
 * @param stream     deliver output as it is written (nearly always wanted)
 * @param logs       first replay the output written so far
 * @param detachKeys e.g. "ctrl-x,x"; null for the engine's default ctrl-p,ctrl-q (which holds back a typed ctrl-p)
 */
public record AttachOptions(boolean stdin, boolean stdout, boolean stderr, boolean stream, boolean logs,
                            String detachKeys) {

    /** A terminal: stdin, stdout and stderr, live. */
    public static AttachOptions interactive() {
        return new AttachOptions(true, true, true, true, false, null);
    }

    /** Watching only: stdout and stderr, live. */
    public static AttachOptions outputOnly() {
        return new AttachOptions(false, true, true, true, false, null);
    }

    public AttachOptions withLogs(boolean replay) {
        return new AttachOptions(stdin, stdout, stderr, stream, replay, detachKeys);
    }

    public AttachOptions withDetachKeys(String keys) {
        return new AttachOptions(stdin, stdout, stderr, stream, logs, keys);
    }
}
