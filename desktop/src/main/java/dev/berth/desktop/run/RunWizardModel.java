package dev.berth.desktop.run;

import dev.berth.desktop.i18n.Texts;
import dev.berth.remote.containers.ContainerCreateRequest;
import dev.berth.remote.containers.RestartPolicy;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;

/**
 * Every answer of the run-container wizard, checked as it is typed: each field and row carries its problem (""
 * when fine), each step knows whether it is valid, and a valid model builds both the {@link ContainerCreateRequest}
 * and the equivalent {@code docker run} line. The two are built from the same answers in the same way, so running
 * the line with the docker CLI creates the same container (the tests do exactly that).
 *
 * <p>No UI nodes here; the engine-dependent facts (names in use, CPU count, whether the engine is on this machine)
 * are set by the wizard's view model after it asked the engine.
 */
public final class RunWizardModel {

    private static final Texts T = Texts.of(RunWizardModel.class);

    public enum Step {
        IMAGE, ENVIRONMENT, PORTS, STORAGE, NETWORK, SUMMARY;

        public String title() {
            return switch (this) {
                case IMAGE -> T.get("step.image");
                case ENVIRONMENT -> T.get("step.environment");
                case PORTS -> T.get("step.ports");
                case STORAGE -> T.get("step.storage");
                case NETWORK -> T.get("step.network");
                case SUMMARY -> T.get("step.summary");
            };
        }
    }

    /** The single-value inputs that can be wrong. */
    public enum Field {
        IMAGE(Step.IMAGE), NAME(Step.IMAGE), COMMAND(Step.IMAGE), ENTRYPOINT(Step.IMAGE),
        NETWORK_ALIASES(Step.NETWORK), RESTART_COUNT(Step.NETWORK), MEMORY(Step.NETWORK), CPUS(Step.NETWORK),
        AUTO_REMOVE(Step.NETWORK);

        private final Step step;

        Field(Step step) {
            this.step = step;
        }

        public Step step() {
            return step;
        }

        public String label() {
            return switch (this) {
                case IMAGE -> T.get("field.image");
                case NAME -> T.get("field.name");
                case COMMAND -> T.get("field.command");
                case ENTRYPOINT -> T.get("field.entrypoint");
                case NETWORK_ALIASES -> T.get("field.aliases");
                case RESTART_COUNT -> T.get("field.restart-retries");
                case MEMORY -> T.get("field.memory");
                case CPUS -> T.get("field.cpus");
                case AUTO_REMOVE -> T.get("field.auto-remove");
            };
        }
    }

    public enum Restart {
        NO("no"), ALWAYS("always"), UNLESS_STOPPED("unless-stopped"), ON_FAILURE("on-failure");

        private final String flag;

        Restart(String flag) {
            this.flag = flag;
        }

        public String flag() {
            return flag;
        }

        @Override
        public String toString() {
            return flag;
        }
    }

    /** @param where "Name", "Environment row 2", … */
    public record Problem(Step step, String where, String message) {
        @Override
        public String toString() {
            return where + ": " + message;
        }
    }

    /** @param id stable, for node ids; {@code label} is for people */
    public record SummaryLine(String id, String label, String text) {
    }

    /** No {@code --network}: the engine's default (bridge). */
    public static final String DEFAULT_NETWORK = "default";
    /** Networks the engine defines itself; aliases only work on networks users create. */
    public static final Set<String> BUILT_IN_NETWORKS = Set.of(DEFAULT_NETWORK, "bridge", "host", "none");

    // docker's own rules (daemon/names.go, volume/local): at least two characters
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");
    private static final Pattern ALIAS = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private final StringProperty image = new SimpleStringProperty(this, "image", "");
    private final BooleanProperty pullIfMissing = new SimpleBooleanProperty(this, "pullIfMissing", true);
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty command = new SimpleStringProperty(this, "command", "");
    private final StringProperty entrypoint = new SimpleStringProperty(this, "entrypoint", "");
    private final ObservableList<EnvVarRow> env = rows();
    private final ObservableList<PortMappingRow> ports = rows();
    private final BooleanProperty publishAll = new SimpleBooleanProperty(this, "publishAll", false);
    private final ObservableList<MountRow> volumes = rows();
    private final ObservableList<MountRow> binds = rows();
    private final ObservableList<TmpfsMountRow> tmpfs = rows();
    private final StringProperty network = new SimpleStringProperty(this, "network", DEFAULT_NETWORK);
    private final StringProperty networkAliases = new SimpleStringProperty(this, "networkAliases", "");
    private final ObjectProperty<Restart> restart = new SimpleObjectProperty<>(this, "restart", Restart.NO);
    private final StringProperty restartCount = new SimpleStringProperty(this, "restartCount", "");
    private final StringProperty memory = new SimpleStringProperty(this, "memory", "");
    private final StringProperty cpus = new SimpleStringProperty(this, "cpus", "");
    private final BooleanProperty interactive = new SimpleBooleanProperty(this, "interactive", false);
    private final BooleanProperty tty = new SimpleBooleanProperty(this, "tty", false);
    private final BooleanProperty autoRemove = new SimpleBooleanProperty(this, "autoRemove", false);

    private final ObservableSet<String> takenNames = FXCollections.observableSet();
    private final BooleanProperty engineLocal = new SimpleBooleanProperty(this, "engineLocal", true);
    private final IntegerProperty engineCpus = new SimpleIntegerProperty(this, "engineCpus", 0);

    private final Map<Field, ReadOnlyStringWrapper> fieldProblems = new EnumMap<>(Field.class);
    private final Map<Step, ReadOnlyBooleanWrapper> stepValid = new EnumMap<>(Step.class);
    private final ReadOnlyObjectWrapper<List<Problem>> problems = new ReadOnlyObjectWrapper<>(this, "problems", List.of());
    private final ReadOnlyStringWrapper dockerRunLine = new ReadOnlyStringWrapper(this, "dockerRunLine", "");

    public RunWizardModel() {
        for (Field f : Field.values()) {
            fieldProblems.put(f, new ReadOnlyStringWrapper(this, f.name(), ""));
        }
        for (Step s : Step.values()) {
            stepValid.put(s, new ReadOnlyBooleanWrapper(this, s.name(), true));
        }
        InvalidationListener revalidate = o -> revalidate();
        for (Observable o : List.of(image, pullIfMissing, name, command, entrypoint, env, ports, publishAll, volumes,
                binds, tmpfs, network, networkAliases, restart, restartCount, memory, cpus, interactive, tty,
                autoRemove, engineLocal, engineCpus)) {
            o.addListener(revalidate);
        }
        takenNames.addListener((SetChangeListener<String>) change -> revalidate());
        revalidate();
    }

    private static <R extends WizardRow> ObservableList<R> rows() {
        return FXCollections.observableArrayList(WizardRow::inputs);
    }

    // ---- answers ----------------------------------------------------------------------------------------------

    public StringProperty imageProperty() {
        return image;
    }

    public BooleanProperty pullIfMissingProperty() {
        return pullIfMissing;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty commandProperty() {
        return command;
    }

    public StringProperty entrypointProperty() {
        return entrypoint;
    }

    public ObservableList<EnvVarRow> env() {
        return env;
    }

    public ObservableList<PortMappingRow> ports() {
        return ports;
    }

    public BooleanProperty publishAllProperty() {
        return publishAll;
    }

    public ObservableList<MountRow> volumes() {
        return volumes;
    }

    public ObservableList<MountRow> binds() {
        return binds;
    }

    public ObservableList<TmpfsMountRow> tmpfs() {
        return tmpfs;
    }

    /** {@link #DEFAULT_NETWORK}, "host", "none", "bridge" or a user-defined network's name. */
    public StringProperty networkProperty() {
        return network;
    }

    /** Comma- or space-separated. */
    public StringProperty networkAliasesProperty() {
        return networkAliases;
    }

    public ObjectProperty<Restart> restartProperty() {
        return restart;
    }

    /** Maximum retries for on-failure; blank for no maximum. */
    public StringProperty restartCountProperty() {
        return restartCount;
    }

    public StringProperty memoryProperty() {
        return memory;
    }

    public StringProperty cpusProperty() {
        return cpus;
    }

    public BooleanProperty interactiveProperty() {
        return interactive;
    }

    public BooleanProperty ttyProperty() {
        return tty;
    }

    public BooleanProperty autoRemoveProperty() {
        return autoRemove;
    }

    // ---- facts about the engine ----------------------------------------------------------------------------------

    /** Names of the engine's containers (without the leading slash). */
    public ObservableSet<String> takenNames() {
        return takenNames;
    }

    /** Whether the engine runs on this machine, so that host paths can be checked here. */
    public BooleanProperty engineLocalProperty() {
        return engineLocal;
    }

    /** The engine's CPU count, 0 while unknown. */
    public IntegerProperty engineCpusProperty() {
        return engineCpus;
    }

    // ---- validation ------------------------------------------------------------------------------------------------

    /** "" when the field is fine. */
    public ReadOnlyStringProperty problemProperty(Field field) {
        return fieldProblems.get(field).getReadOnlyProperty();
    }

    public String problem(Field field) {
        return fieldProblems.get(field).get();
    }

    /** Summary: every other step is valid. */
    public ReadOnlyBooleanProperty validProperty(Step step) {
        return stepValid.get(step).getReadOnlyProperty();
    }

    public boolean isValid() {
        return stepValid.get(Step.SUMMARY).get();
    }

    /** Every problem, in the order of the steps. */
    public ReadOnlyObjectProperty<List<Problem>> problemsProperty() {
        return problems.getReadOnlyProperty();
    }

    /** The equivalent command line; "" while something is invalid. */
    public ReadOnlyStringProperty dockerRunLineProperty() {
        return dockerRunLine.getReadOnlyProperty();
    }

    private void revalidate() {
        Map<Field, String> found = new EnumMap<>(Field.class);
        List<Problem> list = new ArrayList<>();
        check(found, list, Field.IMAGE, imageProblem());
        check(found, list, Field.NAME, nameProblem());
        check(found, list, Field.COMMAND, wordsProblem(command.get()));
        check(found, list, Field.ENTRYPOINT, wordsProblem(entrypoint.get()));
        checkRows(list, Step.ENVIRONMENT, T.get("rows.environment"), env, envProblems());
        checkRows(list, Step.PORTS, T.get("rows.port"), ports, portProblems());
        Map<String, String> mounted = new HashMap<>();
        checkRows(list, Step.STORAGE, T.get("rows.volume"), volumes, r -> volumeProblem(r, mounted));
        checkRows(list, Step.STORAGE, T.get("rows.bind"), binds, r -> bindProblem(r, mounted));
        checkRows(list, Step.STORAGE, T.get("rows.tmpfs"), tmpfs, r -> tmpfsProblem(r, mounted));
        check(found, list, Field.NETWORK_ALIASES, aliasesProblem());
        check(found, list, Field.RESTART_COUNT, restartCountProblem());
        check(found, list, Field.MEMORY, memoryProblem());
        check(found, list, Field.CPUS, cpusProblem());
        check(found, list, Field.AUTO_REMOVE, autoRemove.get() && restart.get() != Restart.NO
                ? T.get("problem.auto-remove-restart") : null);

        list.sort((a, b) -> a.step().compareTo(b.step()));
        for (Field f : Field.values()) {
            fieldProblems.get(f).set(found.getOrDefault(f, ""));
        }
        for (Step s : Step.values()) {
            stepValid.get(s).set(s == Step.SUMMARY ? list.isEmpty() : list.stream().noneMatch(p -> p.step() == s));
        }
        problems.set(List.copyOf(list));
        dockerRunLine.set(list.isEmpty() ? ShellWords.join(dockerRunArgs()) : "");
    }

    private static void check(Map<Field, String> found, List<Problem> list, Field field, String problem) {
        if (problem != null) {
            found.put(field, problem);
            list.add(new Problem(field.step(), field.label(), problem));
        }
    }

    private static <R extends WizardRow> void checkRows(List<Problem> list, Step step, String what, List<R> rows,
                                                        Function<R, String> rule) {
        for (int i = 0; i < rows.size(); i++) {
            R row = rows.get(i);
            String problem = row.isBlank() ? null : rule.apply(row);
            row.setProblem(problem);
            if (problem != null) {
                list.add(new Problem(step, T.get("rows.where", what, i + 1), problem));
            }
        }
    }

    private String imageProblem() {
        String ref = text(image);
        if (ref.isEmpty()) {
            return T.get("problem.image.empty");
        }
        if (ref.chars().anyMatch(Character::isWhitespace)) {
            return T.get("problem.image.spaces");
        }
        String path = ref.contains("@") ? ref.substring(0, ref.indexOf('@')) : ref;
        int colon = path.lastIndexOf(':');
        if (colon > path.lastIndexOf('/')) {
            path = path.substring(0, colon);
        }
        int slash = path.indexOf('/');
        if (slash > 0) {
            String first = path.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                path = path.substring(slash + 1); // registry host names may have capitals
            }
        }
        if (!path.equals(path.toLowerCase(Locale.ROOT))) {
            return T.get("problem.image.lowercase");
        }
        return null;
    }

    private String nameProblem() {
        String n = text(name);
        if (n.isEmpty()) {
            return null;
        }
        if (!NAME.matcher(n).matches()) {
            return T.get("problem.name.invalid", n, T.get("model.name-rule"));
        }
        if (takenNames.contains(n)) {
            return T.get("problem.name.taken", n);
        }
        return null;
    }

    private static String wordsProblem(String line) {
        try {
            ShellWords.split(line);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private Function<EnvVarRow, String> envProblems() {
        Map<String, Integer> seen = new HashMap<>();
        return row -> {
            String key = row.key();
            if (key.isEmpty()) {
                return T.get("problem.env.no-name");
            }
            if (key.contains("=")) {
                return T.get("problem.env.equals");
            }
            if (key.chars().anyMatch(Character::isWhitespace)) {
                return T.get("problem.env.spaces");
            }
            Integer first = seen.putIfAbsent(key, seen.size());
            return first == null ? null : T.get("problem.env.duplicate", key);
        };
    }

    private Function<PortMappingRow, String> portProblems() {
        List<PortMappingRow> earlier = new ArrayList<>();
        return row -> {
            String problem = portProblem(row);
            if (problem == null && !row.randomHostPort()) {
                for (PortMappingRow other : earlier) {
                    if (!other.randomHostPort() && other.hostPort().equals(row.hostPort())
                            && other.protocol() == row.protocol()
                            && (other.hostIp().isEmpty() || row.hostIp().isEmpty()
                            || normalizeIp(other.hostIp()).equals(normalizeIp(row.hostIp())))) {
                        problem = T.get("problem.port.duplicate", row.hostPort(), row.protocol().wire());
                    }
                }
            }
            if (problem == null) {
                problem = row.availabilityProblem(); // the host port is taken on this machine
            }
            if (problem == null) {
                earlier.add(row);
            }
            return problem;
        };
    }

    private static String portProblem(PortMappingRow row) {
        if (!row.hostIp().isEmpty() && !isIpLiteral(normalizeIp(row.hostIp()))) {
            return T.get("problem.port.ip", row.hostIp());
        }
        if (!row.randomHostPort()) {
            if (row.hostPort().isEmpty()) {
                return T.get("problem.port.host-empty");
            }
            if (portNumber(row.hostPort()) < 0) {
                return T.get("problem.port.host-range");
            }
        }
        if (row.containerPort().isEmpty()) {
            return T.get("problem.port.container-empty");
        }
        if (portNumber(row.containerPort()) < 0) {
            return T.get("problem.port.container-range");
        }
        return null;
    }

    static int portNumber(String text) {
        if (!DIGITS.matcher(text).matches() || text.length() > 5) {
            return -1;
        }
        int n = Integer.parseInt(text);
        return n >= 1 && n <= 65535 ? n : -1;
    }

    private static String normalizeIp(String ip) {
        return ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
    }

    private static boolean isIpLiteral(String ip) {
        Matcher v4 = IPV4.matcher(ip);
        if (v4.matches()) {
            for (int g = 1; g <= 4; g++) {
                if (Integer.parseInt(v4.group(g)) > 255) {
                    return false;
                }
            }
            return true;
        }
        if (!IPV6.matcher(ip).matches()) {
            return false;
        }
        try {
            // A literal containing ':' is parsed as IPv6 without any name lookup.
            InetAddress.getByName(ip);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private String volumeProblem(MountRow row, Map<String, String> mounted) {
        String volume = row.source();
        if (volume.isEmpty()) {
            return T.get("problem.volume.empty");
        }
        if (!NAME.matcher(volume).matches()) {
            return T.get("problem.volume.invalid", volume, T.get("model.name-rule"));
        }
        return targetProblem(row.target(), T.get("mounted.volume", volume), mounted);
    }

    private String bindProblem(MountRow row, Map<String, String> mounted) {
        String source = row.source();
        if (source.isEmpty()) {
            return T.get("problem.bind.empty");
        }
        if (!source.startsWith("/")) {
            return T.get("problem.bind.relative");
        }
        if (source.contains(":")) {
            return T.get("problem.bind.colon");
        }
        if (engineLocal.get() && !exists(source)) {
            return T.get("problem.bind.missing", source);
        }
        return targetProblem(row.target(), source, mounted);
    }

    private String tmpfsProblem(TmpfsMountRow row, Map<String, String> mounted) {
        if (row.options().chars().anyMatch(Character::isWhitespace)) {
            return T.get("problem.tmpfs.options");
        }
        return targetProblem(row.target(), T.get("mounted.tmpfs"), mounted);
    }

    private static String targetProblem(String target, String what, Map<String, String> mounted) {
        if (target.isEmpty()) {
            return T.get("problem.target.empty");
        }
        if (!target.startsWith("/")) {
            return T.get("problem.target.relative");
        }
        if (target.equals("/")) {
            return T.get("problem.target.root");
        }
        if (target.contains(":")) {
            return T.get("problem.target.colon");
        }
        String key = target.length() > 1 && target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
        String previous = mounted.putIfAbsent(key, what);
        return previous == null ? null : T.get("problem.target.taken", key, previous);
    }

    /**
     * On the FX thread, but only for a path the user typed on a local engine: a stat on a local disk, not engine
     * or network I/O.
     */
    private static boolean exists(String path) {
        try {
            return Files.exists(Path.of(path));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private String aliasesProblem() {
        List<String> aliases = aliases();
        if (aliases.isEmpty()) {
            return null;
        }
        if (BUILT_IN_NETWORKS.contains(networkName())) {
            return T.get("problem.aliases.network");
        }
        for (String a : aliases) {
            if (!ALIAS.matcher(a).matches()) {
                return T.get("problem.aliases.invalid", a);
            }
        }
        return null;
    }

    private String restartCountProblem() {
        String count = text(restartCount);
        if (restart.get() != Restart.ON_FAILURE || count.isEmpty()) {
            return null;
        }
        return DIGITS.matcher(count).matches() && count.length() <= 9 ? null
                : T.get("problem.restart-count");
    }

    private String memoryProblem() {
        String m = text(memory);
        if (m.isEmpty()) {
            return null;
        }
        try {
            long bytes = MemorySize.parse(m);
            return bytes < MemorySize.MINIMUM ? T.get("problem.memory.minimum") : null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private String cpusProblem() {
        String c = text(cpus);
        if (c.isEmpty()) {
            return null;
        }
        BigDecimal value;
        try {
            value = new BigDecimal(c);
        } catch (NumberFormatException e) {
            return T.get("problem.cpus.invalid", c);
        }
        if (value.signum() <= 0) {
            return T.get("problem.cpus.zero");
        }
        if (value.stripTrailingZeros().scale() > 9) {
            return T.get("problem.cpus.decimals");
        }
        int available = engineCpus.get();
        if (available > 0 && value.compareTo(BigDecimal.valueOf(available)) > 0) {
            return T.get("problem.cpus.available", available);
        }
        return null;
    }

    // ---- what a valid model means ----------------------------------------------------------------------------------

    /** The name to create the container with, or null to let the engine pick one. */
    public String containerName() {
        String n = text(name);
        return n.isEmpty() ? null : n;
    }

    public String imageReference() {
        return text(image);
    }

    public boolean pullIfMissing() {
        return pullIfMissing.get();
    }

    /** @throws IllegalStateException while something is invalid */
    public ContainerCreateRequest toRequest() {
        requireValid();
        ContainerCreateRequest.Builder b = ContainerCreateRequest.builder(text(image));
        Launch launch = launch();
        if (launch.entrypoint() != null) {
            b.entrypoint(launch.entrypoint());
        }
        if (!launch.cmd().isEmpty()) {
            b.cmd(launch.cmd());
        }
        for (EnvVarRow row : nonBlank(env)) {
            b.env(row.key(), row.value());
        }
        for (PortMappingRow row : nonBlank(ports)) {
            b.publish(row.containerPort() + "/" + row.protocol().wire(), normalizeIp(row.hostIp()),
                    row.randomHostPort() ? "" : row.hostPort());
        }
        if (publishAll.get()) {
            b.publishAllPorts(true);
        }
        for (String spec : bindSpecs()) {
            b.bind(spec);
        }
        for (TmpfsMountRow row : nonBlank(tmpfs)) {
            b.tmpfs(row.target(), row.options());
        }
        String net = networkName();
        List<String> aliases = aliases();
        if (!net.equals(DEFAULT_NETWORK)) {
            if (aliases.isEmpty()) {
                b.networkMode(net);
            } else {
                b.network(net, aliases.toArray(String[]::new));
            }
        }
        // The CLI always sends a policy ("no" by default), so the request does too: both inspect the same.
        b.restartPolicy(restartPolicy());
        if (autoRemove.get()) {
            b.autoRemove(true);
        }
        if (!text(memory).isEmpty()) {
            b.memory(MemorySize.parse(text(memory)));
        }
        if (!text(cpus).isEmpty()) {
            b.cpus(new BigDecimal(text(cpus)).doubleValue());
        }
        if (tty.get()) {
            b.tty(true);
        }
        if (interactive.get()) {
            // detached -i: stdin stays open for later attaches, as `docker run -d -i` leaves it
            b.keepStdinOpen();
        }
        return b.build();
    }

    /**
     * The equivalent command as words, starting with "docker", "run". Always detached ({@code -d}): the wizard
     * starts the container and leaves it running, as this line does.
     *
     * @throws IllegalStateException while something is invalid
     */
    public List<String> dockerRunArgs() {
        requireValid();
        List<String> a = new ArrayList<>(List.of("docker", "run", "-d"));
        if (containerName() != null) {
            a.addAll(List.of("--name", containerName()));
        }
        if (interactive.get()) {
            a.add("-i");
        }
        if (tty.get()) {
            a.add("-t");
        }
        if (autoRemove.get()) {
            a.add("--rm");
        }
        if (!pullIfMissing.get()) {
            a.addAll(List.of("--pull", "never"));
        }
        Launch launch = launch();
        if (launch.entrypoint() != null) {
            a.addAll(List.of("--entrypoint", launch.entrypoint()));
        }
        for (EnvVarRow row : nonBlank(env)) {
            a.addAll(List.of("-e", row.key() + "=" + row.value()));
        }
        for (PortMappingRow row : nonBlank(ports)) {
            a.addAll(List.of("-p", publishSpec(row)));
        }
        if (publishAll.get()) {
            a.add("-P");
        }
        for (String spec : bindSpecs()) {
            a.addAll(List.of("-v", spec));
        }
        for (TmpfsMountRow row : nonBlank(tmpfs)) {
            a.addAll(List.of("--tmpfs", row.options().isEmpty() ? row.target() : row.target() + ":" + row.options()));
        }
        if (!networkName().equals(DEFAULT_NETWORK)) {
            a.addAll(List.of("--network", networkName()));
            for (String alias : aliases()) {
                a.addAll(List.of("--network-alias", alias));
            }
        }
        if (restart.get() != Restart.NO) {
            a.addAll(List.of("--restart", restartFlag()));
        }
        if (!text(memory).isEmpty()) {
            a.addAll(List.of("--memory", MemorySize.format(MemorySize.parse(text(memory)))));
        }
        if (!text(cpus).isEmpty()) {
            a.addAll(List.of("--cpus", cpusFlag()));
        }
        a.add(text(image));
        a.addAll(launch.cmd());
        return a;
    }

    /** The answers in plain words, for the summary page. */
    public List<SummaryLine> summary() {
        List<SummaryLine> lines = new ArrayList<>();
        String ref = text(image);
        lines.add(new SummaryLine("image", T.get("summary.image"), ref.isEmpty() ? T.get("summary.image.none")
                : pullIfMissing.get() ? T.get("summary.image.pull", ref) : T.get("summary.image.never-pull", ref)));
        lines.add(new SummaryLine("name", T.get("summary.name"),
                containerName() == null ? T.get("summary.name.engine") : containerName()));
        String runs;
        try {
            Launch launch = launch();
            List<String> all = new ArrayList<>();
            if (launch.entrypoint() != null) {
                all.add(launch.entrypoint());
            }
            all.addAll(launch.cmd());
            runs = all.isEmpty() ? T.get("summary.runs.default") : launch.entrypoint() == null
                    ? T.get("summary.runs.with-entrypoint", ShellWords.join(all)) : ShellWords.join(all);
        } catch (IllegalArgumentException e) {
            runs = T.get("summary.runs.unreadable", e.getMessage());
        }
        lines.add(new SummaryLine("runs", T.get("summary.runs"), runs));
        List<EnvVarRow> vars = nonBlank(env);
        lines.add(new SummaryLine("environment", T.get("summary.environment"), vars.isEmpty() ? T.get("summary.environment.image")
                : T.get("summary.environment.variables", vars.size(),
                        vars.stream().map(EnvVarRow::key).collect(Collectors.joining(", ")))));
        List<String> published = nonBlank(ports).stream().map(r -> (r.hostIp().isEmpty() ? "" : r.hostIp() + ":")
                + (r.randomHostPort() ? T.get("summary.ports.random") : r.hostPort()) + " → " + r.containerPort() + "/" + r.protocol().wire())
                .collect(Collectors.toList());
        if (publishAll.get()) {
            published.add(T.get("summary.ports.all"));
        }
        lines.add(new SummaryLine("ports", T.get("summary.ports"),
                published.isEmpty() ? T.get("summary.ports.none") : String.join(", ", published)));
        List<String> storage = new ArrayList<>();
        nonBlank(volumes).forEach(r -> storage.add(r.readOnly() ? T.get("summary.storage.volume-ro", r.source(), r.target())
                : T.get("summary.storage.volume", r.source(), r.target())));
        nonBlank(binds).forEach(r -> storage.add(r.readOnly() ? T.get("summary.storage.bind-ro", r.source(), r.target())
                : T.get("summary.storage.bind", r.source(), r.target())));
        nonBlank(tmpfs).forEach(r -> storage.add(r.options().isEmpty() ? T.get("summary.storage.tmpfs", r.target())
                : T.get("summary.storage.tmpfs-options", r.target(), r.options())));
        lines.add(new SummaryLine("storage", T.get("summary.storage"),
                storage.isEmpty() ? T.get("summary.storage.none") : String.join(", ", storage)));
        String net = networkName();
        String netText = net.equals(DEFAULT_NETWORK) ? T.get("summary.network.default") : net;
        lines.add(new SummaryLine("network", T.get("summary.network"), aliases().isEmpty() ? netText
                : T.get("summary.network.aliases", netText, String.join(", ", aliases()))));
        lines.add(new SummaryLine("restart", T.get("summary.restart"), switch (restart.get()) {
            case NO -> T.get("summary.restart.no");
            case ALWAYS -> T.get("summary.restart.always");
            case UNLESS_STOPPED -> T.get("summary.restart.unless-stopped");
            case ON_FAILURE -> text(restartCount).isEmpty() ? T.get("summary.restart.on-failure")
                    : T.get("summary.restart.on-failure-max", text(restartCount));
        }));
        List<String> limits = new ArrayList<>();
        try {
            if (!text(memory).isEmpty()) {
                limits.add(T.get("summary.resources.memory", MemorySize.human(MemorySize.parse(text(memory)))));
            }
        } catch (IllegalArgumentException e) {
            limits.add(T.get("summary.resources.memory-invalid", text(memory)));
        }
        if (!text(cpus).isEmpty()) {
            String count = cpusFlag();
            limits.add(count.equals("1") ? T.get("summary.resources.cpu") : T.get("summary.resources.cpus", count));
        }
        lines.add(new SummaryLine("resources", T.get("summary.resources"),
                limits.isEmpty() ? T.get("summary.resources.none") : String.join(", ", limits)));
        List<String> options = new ArrayList<>();
        if (interactive.get()) {
            options.add(T.get("summary.options.interactive"));
        }
        if (tty.get()) {
            options.add(T.get("summary.options.tty"));
        }
        if (autoRemove.get()) {
            options.add(T.get("summary.options.rm"));
        }
        lines.add(new SummaryLine("options", T.get("summary.options"),
                options.isEmpty() ? T.get("summary.options.none") : String.join(", ", options)));
        return lines;
    }

    // ---- shared by request, command line and summary ------------------------------------------------------------

    /**
     * {@code docker run --entrypoint} takes one word: the program. Anything after it in the entrypoint field goes
     * first in the command, which is exactly how the CLI line has to spell it; the request is built the same way so
     * both create identical containers.
     */
    private record Launch(String entrypoint, List<String> cmd) {
    }

    private Launch launch() {
        List<String> ep = ShellWords.split(entrypoint.get());
        List<String> cmd = new ArrayList<>(ShellWords.split(command.get()));
        if (ep.isEmpty()) {
            return new Launch(null, cmd);
        }
        List<String> all = new ArrayList<>(ep.subList(1, ep.size()));
        all.addAll(cmd);
        return new Launch(ep.get(0), all);
    }

    private List<String> bindSpecs() {
        List<String> specs = new ArrayList<>();
        nonBlank(volumes).forEach(row -> specs.add(row.spec()));
        nonBlank(binds).forEach(row -> specs.add(row.spec()));
        return specs;
    }

    private static String publishSpec(PortMappingRow row) {
        String ip = normalizeIp(row.hostIp());
        String container = row.containerPort() + (row.protocol() == PortMappingRow.Protocol.UDP ? "/udp" : "");
        String host = row.randomHostPort() ? "" : row.hostPort();
        if (ip.isEmpty()) {
            return host.isEmpty() ? container : host + ":" + container;
        }
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + host + ":" + container;
    }

    private RestartPolicy restartPolicy() {
        return switch (restart.get()) {
            case NO -> RestartPolicy.no();
            case ALWAYS -> RestartPolicy.always();
            case UNLESS_STOPPED -> RestartPolicy.unlessStopped();
            case ON_FAILURE -> RestartPolicy.onFailure(text(restartCount).isEmpty() ? 0 : Integer.parseInt(text(restartCount)));
        };
    }

    private String restartFlag() {
        return restart.get() == Restart.ON_FAILURE && !text(restartCount).isEmpty()
                ? "on-failure:" + Integer.parseInt(text(restartCount)) : restart.get().flag();
    }

    /** "0.50" → "0.5"; as typed when it is not a number (the summary shows unfinished answers too). */
    private String cpusFlag() {
        try {
            return new BigDecimal(text(cpus)).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return text(cpus);
        }
    }

    private String networkName() {
        String n = text(network);
        return n.isEmpty() ? DEFAULT_NETWORK : n;
    }

    private List<String> aliases() {
        String a = text(networkAliases);
        return a.isEmpty() ? List.of() : Arrays.asList(a.split("[,\\s]+"));
    }

    private static <R extends WizardRow> List<R> nonBlank(List<R> rows) {
        return rows.stream().filter(r -> !r.isBlank()).collect(Collectors.toList());
    }

    private void requireValid() {
        if (!isValid()) {
            throw new IllegalStateException("the answers are not valid yet: " + problems.get());
        }
    }

    private static String text(StringProperty p) {
        return p.get() == null ? "" : p.get().strip();
    }
}
