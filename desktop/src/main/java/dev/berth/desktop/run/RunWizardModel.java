package dev.berth.desktop.run;

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

    public enum Step {
        IMAGE("Image"), ENVIRONMENT("Environment"), PORTS("Ports"), STORAGE("Storage"),
        NETWORK("Network & policy"), SUMMARY("Summary");

        private final String title;

        Step(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** The single-value inputs that can be wrong. */
    public enum Field {
        IMAGE(Step.IMAGE, "Image"), NAME(Step.IMAGE, "Name"), COMMAND(Step.IMAGE, "Command"),
        ENTRYPOINT(Step.IMAGE, "Entrypoint"), NETWORK_ALIASES(Step.NETWORK, "Aliases"),
        RESTART_COUNT(Step.NETWORK, "Restart retries"), MEMORY(Step.NETWORK, "Memory"), CPUS(Step.NETWORK, "CPUs"),
        AUTO_REMOVE(Step.NETWORK, "Auto-remove");

        private final Step step;
        private final String label;

        Field(Step step, String label) {
            this.step = step;
            this.label = label;
        }

        public Step step() {
            return step;
        }

        public String label() {
            return label;
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

    public record SummaryLine(String label, String text) {
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
    private static final String NAME_RULE =
            "use letters, digits and _ . - only, starting with a letter or digit (at least 2 characters)";

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
        checkRows(list, Step.ENVIRONMENT, "Environment", env, envProblems());
        checkRows(list, Step.PORTS, "Port", ports, portProblems());
        Map<String, String> mounted = new HashMap<>();
        checkRows(list, Step.STORAGE, "Volume", volumes, r -> volumeProblem(r, mounted));
        checkRows(list, Step.STORAGE, "Bind mount", binds, r -> bindProblem(r, mounted));
        checkRows(list, Step.STORAGE, "Tmpfs", tmpfs, r -> tmpfsProblem(r, mounted));
        check(found, list, Field.NETWORK_ALIASES, aliasesProblem());
        check(found, list, Field.RESTART_COUNT, restartCountProblem());
        check(found, list, Field.MEMORY, memoryProblem());
        check(found, list, Field.CPUS, cpusProblem());
        check(found, list, Field.AUTO_REMOVE, autoRemove.get() && restart.get() != Restart.NO
                ? "auto-remove (--rm) cannot be combined with a restart policy" : null);

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
                list.add(new Problem(step, what + " row " + (i + 1), problem));
            }
        }
    }

    private String imageProblem() {
        String ref = text(image);
        if (ref.isEmpty()) {
            return "choose an image to run";
        }
        if (ref.chars().anyMatch(Character::isWhitespace)) {
            return "an image reference has no spaces";
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
            return "repository names must be lowercase";
        }
        return null;
    }

    private String nameProblem() {
        String n = text(name);
        if (n.isEmpty()) {
            return null;
        }
        if (!NAME.matcher(n).matches()) {
            return "\"" + n + "\" is not a valid name: " + NAME_RULE;
        }
        if (takenNames.contains(n)) {
            return "a container named \"" + n + "\" already exists";
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
                return "a variable needs a name";
            }
            if (key.contains("=")) {
                return "a variable name cannot contain '='";
            }
            if (key.chars().anyMatch(Character::isWhitespace)) {
                return "a variable name cannot contain spaces";
            }
            Integer first = seen.putIfAbsent(key, seen.size());
            return first == null ? null : key + " is already set in an earlier row";
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
                        problem = "host port " + row.hostPort() + "/" + row.protocol().wire()
                                + " is already published by an earlier row";
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
            return "\"" + row.hostIp() + "\" is not an IP address (leave it empty for every interface)";
        }
        if (!row.randomHostPort()) {
            if (row.hostPort().isEmpty()) {
                return "enter a host port, or choose random";
            }
            if (portNumber(row.hostPort()) < 0) {
                return "host port must be a number from 1 to 65535";
            }
        }
        if (row.containerPort().isEmpty()) {
            return "enter the container port";
        }
        if (portNumber(row.containerPort()) < 0) {
            return "container port must be a number from 1 to 65535";
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
            return "enter a volume name";
        }
        if (!NAME.matcher(volume).matches()) {
            return "\"" + volume + "\" is not a valid volume name: " + NAME_RULE;
        }
        return targetProblem(row.target(), "volume " + volume, mounted);
    }

    private String bindProblem(MountRow row, Map<String, String> mounted) {
        String source = row.source();
        if (source.isEmpty()) {
            return "enter the host path to mount";
        }
        if (!source.startsWith("/")) {
            return "the host path must be absolute (start with /)";
        }
        if (source.contains(":")) {
            return "host paths containing ':' cannot be mounted with -v";
        }
        if (engineLocal.get() && !exists(source)) {
            return source + " does not exist on this machine";
        }
        return targetProblem(row.target(), source, mounted);
    }

    private String tmpfsProblem(TmpfsMountRow row, Map<String, String> mounted) {
        if (row.options().chars().anyMatch(Character::isWhitespace)) {
            return "tmpfs options are comma-separated, without spaces (e.g. size=64m,mode=1777)";
        }
        return targetProblem(row.target(), "a tmpfs", mounted);
    }

    private static String targetProblem(String target, String what, Map<String, String> mounted) {
        if (target.isEmpty()) {
            return "enter the path in the container";
        }
        if (!target.startsWith("/")) {
            return "the container path must be absolute (start with /)";
        }
        if (target.equals("/")) {
            return "nothing can be mounted over the container's root (/)";
        }
        if (target.contains(":")) {
            return "container paths containing ':' cannot be mounted";
        }
        String key = target.length() > 1 && target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
        String previous = mounted.putIfAbsent(key, what);
        return previous == null ? null : key + " is already mounted (" + previous + ")";
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
            return "aliases need a user-defined network; choose one above";
        }
        for (String a : aliases) {
            if (!ALIAS.matcher(a).matches()) {
                return "\"" + a + "\" is not a valid alias: use letters, digits and _ . -";
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
                : "the retry count must be a whole number, like 3 (empty: no limit)";
    }

    private String memoryProblem() {
        String m = text(memory);
        if (m.isEmpty()) {
            return null;
        }
        try {
            long bytes = MemorySize.parse(m);
            return bytes < MemorySize.MINIMUM ? "the engine needs at least 6m (6 MiB)" : null;
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
            return "\"" + c + "\" is not a number of CPUs: write it like 0.5 or 2";
        }
        if (value.signum() <= 0) {
            return "CPUs must be more than 0";
        }
        if (value.stripTrailingZeros().scale() > 9) {
            return "at most 9 decimal places";
        }
        int available = engineCpus.get();
        if (available > 0 && value.compareTo(BigDecimal.valueOf(available)) > 0) {
            return "the engine has only " + available + (available == 1 ? " CPU" : " CPUs");
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
        lines.add(new SummaryLine("Image", ref.isEmpty() ? "(none chosen)"
                : ref + (pullIfMissing.get() ? ", pulled first if the engine does not have it" : ", never pulled")));
        lines.add(new SummaryLine("Name", containerName() == null ? "chosen by the engine" : containerName()));
        String runs;
        try {
            Launch launch = launch();
            List<String> all = new ArrayList<>();
            if (launch.entrypoint() != null) {
                all.add(launch.entrypoint());
            }
            all.addAll(launch.cmd());
            runs = all.isEmpty() ? "the image's default command" : ShellWords.join(all)
                    + (launch.entrypoint() == null ? " (with the image's entrypoint, if any)" : "");
        } catch (IllegalArgumentException e) {
            runs = "(command not readable: " + e.getMessage() + ")";
        }
        lines.add(new SummaryLine("Runs", runs));
        List<EnvVarRow> vars = nonBlank(env);
        lines.add(new SummaryLine("Environment", vars.isEmpty() ? "only the image's"
                : vars.size() + (vars.size() == 1 ? " variable: " : " variables: ")
                + vars.stream().map(EnvVarRow::key).collect(Collectors.joining(", "))));
        List<String> published = nonBlank(ports).stream().map(r -> (r.hostIp().isEmpty() ? "" : r.hostIp() + ":")
                + (r.randomHostPort() ? "random port" : r.hostPort()) + " → " + r.containerPort() + "/" + r.protocol().wire())
                .collect(Collectors.toList());
        if (publishAll.get()) {
            published.add("every exposed port on a random host port");
        }
        lines.add(new SummaryLine("Ports", published.isEmpty() ? "none published" : String.join(", ", published)));
        List<String> storage = new ArrayList<>();
        nonBlank(volumes).forEach(r -> storage.add("volume " + r.source() + " at " + r.target() + (r.readOnly() ? " (read-only)" : "")));
        nonBlank(binds).forEach(r -> storage.add(r.source() + " at " + r.target() + (r.readOnly() ? " (read-only)" : "")));
        nonBlank(tmpfs).forEach(r -> storage.add("tmpfs at " + r.target() + (r.options().isEmpty() ? "" : " (" + r.options() + ")")));
        lines.add(new SummaryLine("Storage", storage.isEmpty() ? "only the container's own filesystem" : String.join(", ", storage)));
        String net = networkName();
        lines.add(new SummaryLine("Network", (net.equals(DEFAULT_NETWORK) ? "the engine's default" : net)
                + (aliases().isEmpty() ? "" : ", aliases " + String.join(", ", aliases()))));
        lines.add(new SummaryLine("Restart", switch (restart.get()) {
            case NO -> "never restarted";
            case ALWAYS -> "always restarted";
            case UNLESS_STOPPED -> "restarted unless stopped by hand";
            case ON_FAILURE -> "restarted when it fails" + (text(restartCount).isEmpty() ? ""
                    : ", at most " + text(restartCount) + " times");
        }));
        List<String> limits = new ArrayList<>();
        try {
            if (!text(memory).isEmpty()) {
                limits.add(MemorySize.human(MemorySize.parse(text(memory))) + " of memory");
            }
        } catch (IllegalArgumentException e) {
            limits.add("memory: " + text(memory) + " (not valid)");
        }
        if (!text(cpus).isEmpty()) {
            String count = cpusFlag();
            limits.add(count + (count.equals("1") ? " CPU" : " CPUs"));
        }
        lines.add(new SummaryLine("Resources", limits.isEmpty() ? "no limits" : String.join(", ", limits)));
        List<String> options = new ArrayList<>();
        if (interactive.get()) {
            options.add("stdin kept open (-i)");
        }
        if (tty.get()) {
            options.add("TTY (-t)");
        }
        if (autoRemove.get()) {
            options.add("removed when it exits (--rm)");
        }
        lines.add(new SummaryLine("Options", options.isEmpty() ? "none" : String.join(", ", options)));
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
