package dev.berth.desktop.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.desktop.containers.ContainerDetailModel;
import dev.berth.desktop.engines.EngineSession;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.i18n.Texts;
import dev.berth.remote.system.EventMessage;
import java.util.List;
import java.util.Set;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The Inspect tab's state: the engine's whole inspect answer as a JSON tree and as text. Reloads when the
 * container's state changes (start, stop, rename, …), so what is shown is never stale.
 */
public final class InspectViewModel implements ContainerDetailModel {

    private static final Texts T = Texts.of(InspectViewModel.class);

    /** Events after which the inspect answer differs. */
    private static final Set<String> CHANGES = Set.of("start", "die", "stop", "kill", "pause", "unpause", "restart",
            "rename", "update", "oom", "connect", "disconnect");

    private final BackgroundExecutor background;
    private final Notifier notifier;
    private final ReadOnlyObjectWrapper<JsonNode> json = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private EngineSession session;
    private String containerRef;
    private String containerId;
    private Runnable unsubscribe = () -> { };
    private boolean closed;
    private boolean reloadAgain;

    public InspectViewModel(BackgroundExecutor background, Notifier notifier) {
        this.background = background;
        this.notifier = notifier;
    }

    public void open(EngineSession session, String containerRef) {
        this.session = session;
        this.containerRef = containerRef;
        unsubscribe = session.events().subscribe(this::onEvents);
        refresh();
    }

    public void close() {
        closed = true;
        unsubscribe.run();
    }

    /** Asks the engine again. */
    public void refresh() {
        if (session == null || closed) {
            return;
        }
        if (loading.get()) {
            reloadAgain = true; // one more after this one, not one per event
            return;
        }
        loading.set(true);
        if (json.get() == null) {
            status.set(T.get("inspect.status.loading"));
        }
        String ref = containerId != null ? containerId : containerRef;
        background.submit(T.get("inspect.task", containerRef), () -> {
            JsonNode node = session.client().containers().inspectRaw(ref);
            return new Loaded(node, JsonText.pretty(node));
        }).onSuccess(loaded -> {
            if (closed) {
                return;
            }
            containerId = loaded.node().path("Id").asText(null);
            json.set(loaded.node());
            text.set(loaded.text());
            status.set("");
        }).onFailure(e -> {
            if (!closed) {
                status.set(T.get("inspect.status.failed", Notifier.userMessage(e)));
                notifier.error(T.get("inspect.task", containerRef), e);
            }
        }).andFinally(() -> {
            loading.set(false);
            if (reloadAgain) {
                reloadAgain = false;
                refresh();
            }
        });
    }

    private record Loaded(JsonNode node, String text) {
    }

    private void onEvents(List<EventMessage> events) {
        if (containerId == null) {
            return;
        }
        for (EventMessage e : events) {
            if ("container".equals(e.type()) && containerId.equals(e.actorId())) {
                if ("destroy".equals(e.action())) {
                    status.set(T.get("inspect.status.removed"));
                    return;
                }
                if (e.action() != null && (CHANGES.contains(e.action()) || e.action().startsWith("health_status"))) {
                    refresh();
                    return;
                }
            }
        }
    }

    /** The engine's answer, or null before it arrived. */
    public ReadOnlyObjectProperty<JsonNode> jsonProperty() {
        return json.getReadOnlyProperty();
    }

    /** The answer pretty-printed. */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }
}
