package dev.berth.desktop.ports;

import java.util.Objects;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One published port: where it is reachable on the host, where it lands in which container, whether it answers
 * HTTP there, and what stands in its way.
 */
public final class PortRow {

    /**
     * A container and one of its port bindings, from the engine's list (running containers) or its configuration
     * (the others, whose bindings the list leaves out).
     *
     * @param hostPort null when the engine picks one at start
     * @param warning  a conflict found when it was listed, "" for none
     */
    public record Data(String containerId, String containerName, String state, String hostIp, Integer hostPort,
                       int containerPort, String protocol, String warning) {

        String key() {
            return containerId + "|" + hostIp + "|" + hostPort + "|" + containerPort + "|" + protocol;
        }

        boolean running() {
            return "running".equals(state);
        }
    }

    private final String key;
    private Data data;
    private final ReadOnlyStringWrapper host = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper target = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper container = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper http = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper url = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper warning = new ReadOnlyStringWrapper("");
    private String probedFor;

    public PortRow(Data data) {
        this.key = data.key();
        update(data);
    }

    public void update(Data fresh) {
        this.data = fresh;
        host.set(hostAddress(fresh.hostIp()) + ":" + (fresh.hostPort() == null ? "*" : fresh.hostPort()));
        target.set(fresh.containerPort() + "/" + Objects.toString(fresh.protocol(), "tcp"));
        container.set(fresh.containerName());
        state.set(Objects.toString(fresh.state(), ""));
        warning.set(fresh.warning());
        if (!fresh.running()) {
            http.set("");
            url.set("");
        }
    }

    /** IPv6 addresses need brackets before a port; an empty address means every one. */
    public static String hostAddress(String ip) {
        String text = ip == null ? "" : ip.strip();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        if (text.isEmpty()) {
            return "0.0.0.0";
        }
        return text.contains(":") ? "[" + text + "]" : text;
    }

    public String key() {
        return key;
    }

    Data data() {
        return data;
    }

    /** What the last HTTP probe was about (the container's state and the address), so a refresh does not repeat it. */
    String probedFor() {
        return probedFor;
    }

    void setProbedFor(String what) {
        probedFor = what;
    }

    void setHttp(String status, String address) {
        http.set(status);
        url.set(address);
    }

    public ReadOnlyStringProperty hostProperty() {
        return host.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty targetProperty() {
        return target.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty containerProperty() {
        return container.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** "HTTP 200" when the port answered HTTP, else "". */
    public ReadOnlyStringProperty httpProperty() {
        return http.getReadOnlyProperty();
    }

    /** The address to open in a browser, "" when the port did not answer HTTP. */
    public ReadOnlyStringProperty urlProperty() {
        return url.getReadOnlyProperty();
    }

    /** Why this binding may not work (another container or program wants the host port), "" when fine. */
    public ReadOnlyStringProperty warningProperty() {
        return warning.getReadOnlyProperty();
    }

    String searchText() {
        return String.join(" ", host.get(), target.get(), container.get(), state.get(), http.get());
    }
}
