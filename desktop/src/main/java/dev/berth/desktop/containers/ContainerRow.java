package dev.berth.desktop.containers;

import dev.berth.desktop.i18n.Texts;
import dev.berth.remote.containers.ContainerSummary;
import java.util.Locale;
import java.util.Map;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One line of the containers table: a container (an FX-observable wrapper of its {@link ContainerSummary}, updated in
 * place so selection and scroll position survive live updates), or the header of a compose-project group.
 */
public final class ContainerRow {

    private static final Texts T = Texts.of(ContainerRow.class);

    static final String PROJECT_LABEL = "com.docker.compose.project";

    private final String id;
    private final String project;
    private final boolean header;
    private final ObjectProperty<ContainerSummary> summary = new SimpleObjectProperty<>();
    /** Bumped when something the filter reads changed outside the summary (group counts, collapse). */
    private final IntegerProperty revision = new SimpleIntegerProperty();
    private final StringProperty name = new SimpleStringProperty();
    private final StringProperty image = new SimpleStringProperty();
    private final StringProperty state = new SimpleStringProperty();
    private final StringProperty status = new SimpleStringProperty();
    private final StringProperty ports = new SimpleStringProperty();
    private final ObjectProperty<Long> created = new SimpleObjectProperty<>();
    private final ObjectProperty<Double> cpuPercent = new SimpleObjectProperty<>();
    private final ObjectProperty<Long> memoryBytes = new SimpleObjectProperty<>();
    private final ObjectProperty<Long> sizeRw = new SimpleObjectProperty<>();
    private final ObjectProperty<Long> sizeRootFs = new SimpleObjectProperty<>();
    private String searchText = "";
    private String idLower = "";
    private int matchCount;
    private final BooleanProperty collapsed = new SimpleBooleanProperty();

    private ContainerRow(String id, String project, boolean header) {
        this.id = id;
        this.project = project;
        this.header = header;
    }

    public static ContainerRow of(ContainerSummary summary) {
        ContainerRow row = new ContainerRow(summary.id(), projectOf(summary), false);
        row.update(summary);
        return row;
    }

    /** The header of a compose project's group ("" for the containers outside any project). */
    static ContainerRow groupHeader(String project) {
        ContainerRow row = new ContainerRow(null, project, true);
        row.name.set(groupTitle(project));
        return row;
    }

    static String projectOf(ContainerSummary s) {
        Map<String, String> labels = s.labels();
        String p = labels == null ? null : labels.get(PROJECT_LABEL);
        return p == null ? "" : p;
    }

    static String groupTitle(String project) {
        return project.isEmpty() ? T.get("containers.group.none") : project;
    }

    /** What the filtered and sorted lists watch for changes. */
    static Observable[] observables(ContainerRow row) {
        return new Observable[] {row.summary, row.revision};
    }

    /** Takes a fresh listing of this container; sizes are kept when the new listing was made without them. */
    void update(ContainerSummary s) {
        name.set(s.name());
        image.set(s.image());
        state.set(s.state());
        status.set(s.status());
        ports.set(ContainerFormat.ports(s.ports()));
        created.set(s.created());
        if (s.sizeRw() != null || s.sizeRootFs() != null) {
            sizeRw.set(s.sizeRw());
            sizeRootFs.set(s.sizeRootFs());
        }
        if (!"running".equals(s.state())) {
            cpuPercent.set(null);
            memoryBytes.set(null);
        }
        idLower = s.id() == null ? "" : s.id().toLowerCase(Locale.ROOT);
        searchText = String.join("\n", nonNull(s.name()), nonNull(s.image()), nonNull(s.status()), project)
                .toLowerCase(Locale.ROOT);
        summary.set(s);
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    /** @param query already lower-cased and trimmed; empty matches everything */
    boolean matches(String query) {
        return query.isEmpty() || idLower.startsWith(query) || searchText.contains(query);
    }

    void usage(Double cpu, Long memory) {
        cpuPercent.set(cpu);
        memoryBytes.set(memory);
    }

    /** Header only: how many of the group's containers pass the filter, and how many of those run. */
    void groupCounts(int matching, int running) {
        name.set(T.get("containers.group.title", groupTitle(project), matching));
        status.set(T.get("containers.group.running", running));
        if (matching != matchCount) {
            matchCount = matching;
            touch();
        }
    }

    void collapsed(boolean value) {
        if (collapsed.get() != value) {
            collapsed.set(value);
            touch();
        }
    }

    void touch() {
        revision.set(revision.get() + 1);
    }

    public boolean isHeader() {
        return header;
    }

    public boolean isCollapsed() {
        return collapsed.get();
    }

    /** Header only. */
    public ReadOnlyBooleanProperty collapsedProperty() {
        return collapsed;
    }

    int matchCount() {
        return matchCount;
    }

    /** Full container id; null for a group header. */
    public String id() {
        return id;
    }

    /** The compose project, or "" outside one. */
    public String project() {
        return project;
    }

    public ContainerSummary summary() {
        return summary.get();
    }

    public String name() {
        return name.get();
    }

    public String image() {
        return image.get();
    }

    public String state() {
        return state.get();
    }

    public String status() {
        return status.get();
    }

    public Long created() {
        return created.get();
    }

    public ReadOnlyObjectProperty<ContainerSummary> summaryProperty() {
        return summary;
    }

    public ReadOnlyStringProperty nameProperty() {
        return name;
    }

    public ReadOnlyStringProperty imageProperty() {
        return image;
    }

    public ReadOnlyStringProperty stateProperty() {
        return state;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    public ReadOnlyStringProperty portsProperty() {
        return ports;
    }

    public ReadOnlyObjectProperty<Long> createdProperty() {
        return created;
    }

    /** Null until two samples were taken, and whenever the container is not running. */
    public ReadOnlyObjectProperty<Double> cpuPercentProperty() {
        return cpuPercent;
    }

    public ReadOnlyObjectProperty<Long> memoryBytesProperty() {
        return memoryBytes;
    }

    /** Null unless sizes were asked for. */
    public ReadOnlyObjectProperty<Long> sizeRwProperty() {
        return sizeRw;
    }

    public ReadOnlyObjectProperty<Long> sizeRootFsProperty() {
        return sizeRootFs;
    }

    @Override
    public String toString() {
        return header ? "group " + project : name.get() + " (" + state.get() + ")";
    }
}
