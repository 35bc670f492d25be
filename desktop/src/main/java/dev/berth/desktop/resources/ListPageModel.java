package dev.berth.desktop.resources;

import dev.berth.desktop.engines.EngineSession;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.i18n.Texts;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.client.Json;
import dev.berth.remote.system.EventMessage;
import java.util.List;
import java.util.function.BiConsumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The skeleton every list page's view model shares: list once when the page is shown, list again (coalesced) when
 * an event batch says the list changed, merge the answer into the rows in place, release everything when hidden.
 * A subclass says what to list and which events matter.
 *
 * @param <D> what one listing returns per row (built on the background thread)
 * @param <R> the table's row
 */
public abstract class ListPageModel<D, R> implements PageModel {

    private static final Texts T = Texts.of(ListPageModel.class);

    private final ObservableList<R> rows = FXCollections.observableArrayList();
    private final BackgroundExecutor background;
    private final CoalescingLoader<List<D>> loader;
    private Runnable unsubscribe = () -> { };
    private EngineSession session;

    /**
     * @param what  what is listed, for the background task ("List " + what) and a failure notice ("Listing " + what)
     * @param merge brings the rows in line with a fresh listing, usually through {@link RowMerge}
     */
    protected ListPageModel(BackgroundExecutor background, Notifier notifier, String what,
                            BiConsumer<ObservableList<R>, List<D>> merge) {
        this.background = background;
        this.loader = new CoalescingLoader<>(background, T.get("job.list", what), data -> merge.accept(rows, data),
                e -> notifier.error(T.get("error.list", what), e));
    }

    /** Lists what the page shows. Background thread. */
    protected abstract List<D> fetch(EngineClient client);

    /** Whether this batch of engine events changes what the page shows. */
    protected abstract boolean changes(List<EventMessage> batch);

    public final ObservableList<R> rows() {
        return rows;
    }

    /** The engine shown, or null before the page was first shown. */
    protected final EngineSession session() {
        return session;
    }

    @Override
    public final void show(EngineSession newSession) {
        unsubscribe.run();
        if (session != newSession) {
            rows.clear();
        }
        session = newSession;
        EngineClient client = newSession.client();
        unsubscribe = newSession.events().subscribe(batch -> {
            if (changes(batch)) {
                loader.reload();
            }
        });
        loader.load(() -> fetch(client));
    }

    @Override
    public final void hide() {
        unsubscribe.run();
        unsubscribe = () -> { };
        loader.stop();
    }

    /** Lists again now (F5), whatever the events said. */
    @Override
    public void refresh() {
        loader.reload();
    }

    /**
     * The engine's whole description of one row's object, for its details (Enter); null where the page has none.
     * Background thread.
     */
    protected Object inspect(EngineClient client, R row) {
        return null;
    }

    /** Asks the engine for {@link #inspect} and hands it over as indented JSON. */
    public final Outcome<String> details(R row) {
        EngineClient client = session.client();
        return Outcome.of(background.submit(T.get("job.inspect"), () -> Json.MAPPER.writerWithDefaultPrettyPrinter()
                .writeValueAsString(inspect(client, row))));
    }
}
