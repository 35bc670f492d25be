package dev.berth.desktop.fx;

import dev.berth.desktop.i18n.Texts;
import dev.berth.remote.client.EngineException;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the user that background work finished or failed. Errors show the engine's own message; anything unexpected
 * is logged with its stack trace for operators and shown as one sentence.
 */
public final class Notifier {

    private static final Texts T = Texts.of(Notifier.class);

    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    private static final int KEEP = 50;

    public enum Kind { INFO, ERROR }

    public record Notice(Kind kind, String text) {
    }

    private final ObservableList<Notice> notices = FXCollections.observableArrayList();

    /** Newest last; FX thread only. */
    public ObservableList<Notice> notices() {
        return notices;
    }

    public void info(String text) {
        add(new Notice(Kind.INFO, text));
    }

    /** {@code what} says what failed ("Start web"), the rest comes from the failure. */
    public void error(String what, Throwable failure) {
        add(new Notice(Kind.ERROR, T.get("notice.failed", what, userMessage(failure))));
    }

    public static String userMessage(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && !(t instanceof EngineException)) {
            t = t.getCause();
        }
        if (t instanceof EngineException) {
            return t.getMessage();
        }
        LOG.warn("Unexpected failure", failure);
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private void add(Notice notice) {
        FxThread.run(() -> {
            notices.add(notice);
            if (notices.size() > KEEP) {
                notices.remove(0);
            }
        });
    }
}
