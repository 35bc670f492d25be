package dev.berth.desktop.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.desktop.engines.EngineSession;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Batcher;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.i18n.Texts;
import dev.berth.desktop.resources.PageModel;
import dev.berth.remote.endpoint.EngineEndpoint;
import dev.berth.remote.monitor.BodySummary;
import dev.berth.remote.monitor.HarExport;
import dev.berth.remote.monitor.HeaderLine;
import dev.berth.remote.monitor.MonitoringProxy;
import dev.berth.remote.monitor.ProxyAddress;
import dev.berth.remote.monitor.TrafficRecord;
import dev.berth.remote.monitor.TrafficRecorder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The API traffic page: the exchanges the app and the monitoring proxy recorded, live while the page is shown
 * (batched), filtered by text and "errors only", the selected one's request and response in full, export as HAR,
 * and the proxy's controls. The proxy keeps running while the page is hidden; only the page's listener stops.
 */
public final class MonitorViewModel implements PageModel, AutoCloseable {

    private static final Texts T = Texts.of(MonitorViewModel.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Longest Unix socket path Linux accepts. */
    private static final int MAX_SOCKET_PATH = 107;

    /** Where the proxy listens. */
    public enum ListenMode { UNIX, TCP }

    private final TrafficRecorder recorder;
    private final BackgroundExecutor background;
    private final Notifier notifier;
    private final ObservableList<TrafficRow> rows = FXCollections.observableArrayList();
    private final FilteredList<TrafficRow> visible = new FilteredList<>(rows, r -> true);
    private final StringProperty filter = new SimpleStringProperty("");
    private final BooleanProperty errorsOnly = new SimpleBooleanProperty();
    private final BooleanProperty paused = new SimpleBooleanProperty();
    private final ObjectProperty<TrafficRow> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper requestText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper responseText = new ReadOnlyStringWrapper("");

    private final ObjectProperty<ListenMode> listenMode = new SimpleObjectProperty<>(ListenMode.UNIX);
    private final StringProperty socketPath = new SimpleStringProperty();
    private final StringProperty tcpPort = new SimpleStringProperty("2399");
    private final ReadOnlyStringWrapper proxyError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper proxyStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper dockerHostLine = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper proxyRunning = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper proxyStarting = new ReadOnlyBooleanWrapper();

    private EngineSession session;
    private MonitoringProxy proxy;
    private Batcher<TrafficRecord> batcher;
    private Runnable unsubscribe;

    public MonitorViewModel(TrafficRecorder recorder, BackgroundExecutor background, Notifier notifier,
                            Map<String, String> env) {
        this.recorder = recorder;
        this.background = background;
        this.notifier = notifier;
        socketPath.set(defaultSocketPath(env).toString());
        filter.addListener((obs, old, now) -> refilter());
        errorsOnly.addListener((obs, old, now) -> refilter());
        selected.addListener((obs, old, now) -> describeSelected(now));
        paused.addListener((obs, old, now) -> {
            if (!now && batcher != null) {
                reload(); // what arrived while paused
            }
        });
    }

    /** $XDG_RUNTIME_DIR/berth-monitor.sock, or the temp dir when there is no runtime dir. */
    static Path defaultSocketPath(Map<String, String> env) {
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime))) {
            return Path.of(runtime, "berth-monitor.sock");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "berth-monitor-" + System.getProperty("user.name") + ".sock");
    }

    // ---- page lifecycle -----------------------------------------------------------------------------------------

    @Override
    public void show(EngineSession newSession) {
        session = newSession;
        if (batcher == null) {
            batcher = new Batcher<>(Duration.ofMillis(250), this::append);
            unsubscribe = recorder.addListener(new TrafficRecorder.Listener() {
                @Override
                public void recorded(TrafficRecord record) {
                    batcher.add(record);
                }
            });
            batcher.start();
            reload();
        }
    }

    @Override
    public void hide() {
        if (unsubscribe != null) {
            unsubscribe.run();
            unsubscribe = null;
        }
        if (batcher != null) {
            batcher.stop();
            batcher = null;
        }
    }

    @Override
    public void refresh() {
        reload();
    }

    private void reload() {
        List<TrafficRow> all = new ArrayList<>();
        recorder.snapshot().forEach(r -> all.add(new TrafficRow(r)));
        TrafficRow keep = selected.get();
        rows.setAll(all);
        if (keep != null) {
            rows.stream().filter(r -> r.record().id() == keep.record().id()).findFirst().ifPresent(selected::set);
        }
    }

    private void append(List<TrafficRecord> batch) {
        if (paused.get()) {
            return; // kept by the recorder; shown when the user resumes
        }
        List<TrafficRow> added = new ArrayList<>(batch.size());
        for (TrafficRecord r : batch) {
            // a stream shown while open is recorded again when it ends: that row takes the open one's place
            TrafficRow row = new TrafficRow(r);
            int pending = indexOf(added, r.id());
            int shown = pending >= 0 ? -1 : indexOf(rows, r.id());
            if (pending >= 0) {
                added.set(pending, row);
            } else if (shown >= 0) {
                boolean wasSelected = selected.get() == rows.get(shown);
                rows.set(shown, row);
                if (wasSelected) {
                    selected.set(row);
                }
            } else {
                added.add(row);
            }
        }
        rows.addAll(added);
        int overflow = rows.size() - recorder.capacity();
        if (overflow > 0) {
            rows.remove(0, overflow);
        }
    }

    /** Where the row of exchange {@code id} is, looking from the newest; -1 if there is none. */
    private static int indexOf(List<TrafficRow> list, long id) {
        for (int i = list.size() - 1; i >= 0; i--) {
            if (list.get(i).record().id() == id) {
                return i;
            }
        }
        return -1;
    }

    private void refilter() {
        String text = filter.get() == null ? "" : filter.get().strip().toLowerCase(Locale.ROOT);
        String[] words = text.isEmpty() ? new String[0] : text.split("\\s+");
        boolean errors = errorsOnly.get();
        visible.setPredicate(row -> {
            if (errors && !row.record().failed()) {
                return false;
            }
            String haystack = row.searchText();
            for (String word : words) {
                if (!haystack.contains(word)) {
                    return false;
                }
            }
            return true;
        });
    }

    // ---- list actions -------------------------------------------------------------------------------------------

    /** Forgets every recorded exchange (the app's and the proxy's). */
    public void clear() {
        recorder.clear();
        rows.clear();
        selected.set(null);
    }

    /** Writes the exchanges the filter shows, as HAR 1.2, in the background. */
    public void export(Path file) {
        List<TrafficRecord> records = visible.stream().map(TrafficRow::record).toList();
        background.submit(T.get("job.export"), () -> {
            Path partial = file.resolveSibling(file.getFileName() + ".part");
            try (OutputStream out = Files.newOutputStream(partial)) {
                HarExport.write(records, out);
            }
            Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return records.size();
        }).onSuccess(count -> notifier.info(T.get("notice.exported", count, file.toString())))
                .onFailure(e -> notifier.error(T.get("error.export", file.toString()), e));
    }

    // ---- detail --------------------------------------------------------------------------------------------------

    private void describeSelected(TrafficRow row) {
        if (row == null) {
            requestText.set("");
            responseText.set("");
            return;
        }
        TrafficRecord r = row.record();
        StringBuilder request = new StringBuilder();
        request.append(r.method()).append(' ').append(r.target()).append(" HTTP/1.1\n");
        appendHeaders(request, r.requestHeaders());
        request.append(T.get("detail.client", r.client())).append('\n');
        appendBody(request, r.requestBody(), r.requestHeader("Content-Type"));
        requestText.set(request.toString());

        StringBuilder response = new StringBuilder();
        if (r.status() > 0) {
            response.append("HTTP/1.1 ").append(r.status()).append(' ').append(r.reason()).append('\n');
            appendHeaders(response, r.responseHeaders());
        }
        if (r.latency() != null) {
            response.append(T.get("detail.timing", r.latency().toMillis(), r.duration().toMillis())).append('\n');
        }
        if (r.upgraded()) {
            response.append(T.get("detail.hijacked")).append('\n');
        }
        if (r.error() != null) {
            response.append(T.get("detail.error", r.error())).append('\n');
        }
        appendBody(response, r.responseBody(), r.responseHeader("Content-Type"));
        responseText.set(response.toString());
    }

    private static void appendHeaders(StringBuilder text, List<HeaderLine> headers) {
        headers.forEach(h -> text.append(h.name()).append(": ").append(h.value()).append('\n'));
    }

    private static void appendBody(StringBuilder text, BodySummary body, String contentType) {
        if (body.isEmpty()) {
            return;
        }
        text.append('\n');
        if (body.stream()) {
            if (body.text() != null && !body.text().isEmpty()) {
                text.append(pretty(body.text(), contentType)).append('\n');
            }
            String unit = "frames".equals(body.unitName()) ? T.get("unit.frames") : T.get("unit.lines");
            text.append(T.get("detail.stream", body.bytes(), body.units(), unit,
                    body.openFor() == null ? 0.0 : body.openFor().toMillis() / 1000.0));
        } else if (body.binary()) {
            text.append(T.get("detail.binary", body.bytes()));
        } else {
            text.append(pretty(body.text(), contentType));
            if (body.truncated()) {
                text.append('\n').append(T.get("detail.truncated", body.bytes()));
            }
        }
    }

    /** JSON indented for reading; anything else (or JSON cut off by the size limit) as it came. */
    static String pretty(String body, String contentType) {
        String trimmed = body.strip();
        boolean json = (contentType != null && contentType.contains("json")) || trimmed.startsWith("{") || trimmed.startsWith("[");
        if (!json) {
            return body;
        }
        try {
            JsonNode node = JSON.readTree(trimmed);
            return node == null ? body : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (IOException e) {
            return body;
        }
    }

    // ---- proxy ----------------------------------------------------------------------------------------------------

    /** Starts the proxy for the engine shown now, on the chosen socket or port; errors appear in {@link #proxyError}. */
    public void startProxy() {
        if (proxy != null || proxyStarting.get()) {
            return;
        }
        ProxyAddress address;
        try {
            address = listenAddress();
        } catch (IllegalArgumentException e) {
            proxyError.set(e.getMessage());
            return;
        }
        if (session == null) {
            proxyError.set(T.get("error.no.engine"));
            return;
        }
        EngineEndpoint engine = session.client().endpoint();
        String engineName = session.name();
        proxyError.set("");
        proxyStarting.set(true);
        background.submit(T.get("job.start.proxy"), () -> MonitoringProxy.start(address, engine, recorder))
                .onSuccess(started -> {
                    proxy = started;
                    proxyRunning.set(true);
                    dockerHostLine.set("export DOCKER_HOST=" + started.dockerHost());
                    proxyStatus.set(T.get("status.forwarding", started.dockerHost(), engineName));
                })
                .onFailure(e -> proxyError.set(T.get("error.start", e.getMessage() == null ? e.toString() : e.getMessage())))
                .andFinally(() -> proxyStarting.set(false));
    }

    private ProxyAddress listenAddress() {
        if (listenMode.get() == ListenMode.UNIX) {
            String path = socketPath.get() == null ? "" : socketPath.get().strip();
            if (path.isEmpty()) {
                throw new IllegalArgumentException(T.get("error.path.empty"));
            }
            if (!Path.of(path).isAbsolute()) {
                throw new IllegalArgumentException(T.get("error.path.relative", path));
            }
            if (path.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
                throw new IllegalArgumentException(T.get("error.path.long", MAX_SOCKET_PATH));
            }
            return ProxyAddress.unix(Path.of(path));
        }
        String text = tcpPort.get() == null ? "" : tcpPort.get().strip();
        int port;
        try {
            port = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(T.get("error.port", text));
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(T.get("error.port", text));
        }
        return ProxyAddress.loopback(port);
    }

    /** Stops the proxy and removes its socket. */
    public void stopProxy() {
        MonitoringProxy running = proxy;
        proxy = null;
        proxyRunning.set(false);
        dockerHostLine.set("");
        proxyStatus.set("");
        if (running != null) {
            background.submit(T.get("job.stop.proxy"), () -> {
                running.close();
                return null;
            });
        }
    }

    /** The app is closing: the proxy must not outlive it. */
    @Override
    public void close() {
        hide();
        MonitoringProxy running = proxy;
        proxy = null;
        if (running != null) {
            running.close();
        }
    }

    // ---- properties -----------------------------------------------------------------------------------------------

    /** The rows the filter lets through, oldest first. */
    public ObservableList<TrafficRow> rows() {
        return visible;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public BooleanProperty errorsOnlyProperty() {
        return errorsOnly;
    }

    public BooleanProperty pausedProperty() {
        return paused;
    }

    public ObjectProperty<TrafficRow> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty requestTextProperty() {
        return requestText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty responseTextProperty() {
        return responseText.getReadOnlyProperty();
    }

    public ObjectProperty<ListenMode> listenModeProperty() {
        return listenMode;
    }

    public StringProperty socketPathProperty() {
        return socketPath;
    }

    public StringProperty tcpPortProperty() {
        return tcpPort;
    }

    public ReadOnlyStringProperty proxyErrorProperty() {
        return proxyError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty proxyStatusProperty() {
        return proxyStatus.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty dockerHostLineProperty() {
        return dockerHostLine.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty proxyRunningProperty() {
        return proxyRunning.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty proxyStartingProperty() {
        return proxyStarting.getReadOnlyProperty();
    }
}
