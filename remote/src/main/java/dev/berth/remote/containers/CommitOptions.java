package dev.berth.remote.containers;

import java.util.List;

/**
 * Options of {@code POST /commit}.
 *
 * @param repo    the new image's repository, or null for an untagged image
 * @param pause   pause the container while committing (the engine's default is true)
 * @param changes Dockerfile instructions applied on top, e.g. {@code CMD ["sh","-c","echo hi"]} or
 *                {@code LABEL a=b}
 */
public record CommitOptions(String repo, String tag, String comment, String author, Boolean pause,
                            List<String> changes) {

    public static CommitOptions to(String repo, String tag) {
        return new CommitOptions(repo, tag, null, null, null, null);
    }

    public CommitOptions withChanges(String... instructions) {
        return new CommitOptions(repo, tag, comment, author, pause, List.of(instructions));
    }

    public CommitOptions withComment(String comment) {
        return new CommitOptions(repo, tag, comment, author, pause, changes);
    }

    public CommitOptions withAuthor(String author) {
        return new CommitOptions(repo, tag, comment, author, pause, changes);
    }

    public CommitOptions withPause(boolean pause) {
        return new CommitOptions(repo, tag, comment, author, pause, changes);
    }
}
