package dev.berth.desktop.run;

import java.util.Locale;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * {@code -p [hostIp:][hostPort:]containerPort[/protocol]}. With "random" the engine picks the host port. The
 * host port's availability is filled in by the wizard's background check ({@link PortProbe}); a taken port becomes
 * the row's problem through the model's validation.
 */
public final class PortMappingRow extends WizardRow {

    public enum Protocol { TCP, UDP;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return wire();
        }
    }

    private final StringProperty hostIp = new SimpleStringProperty(this, "hostIp", "");
    private final StringProperty hostPort = new SimpleStringProperty(this, "hostPort", "");
    private final BooleanProperty randomHostPort = new SimpleBooleanProperty(this, "randomHostPort", false);
    private final StringProperty containerPort = new SimpleStringProperty(this, "containerPort", "");
    private final ObjectProperty<Protocol> protocol = new SimpleObjectProperty<>(this, "protocol", Protocol.TCP);
    private final ReadOnlyObjectWrapper<PortProbe.Result> availability = new ReadOnlyObjectWrapper<>(this, "availability");

    public PortMappingRow() {
    }

    public PortMappingRow(String hostIp, String hostPort, String containerPort, Protocol protocol) {
        this.hostIp.set(hostIp);
        this.hostPort.set(hostPort);
        this.containerPort.set(containerPort);
        this.protocol.set(protocol);
    }

    public StringProperty hostIpProperty() {
        return hostIp;
    }

    public StringProperty hostPortProperty() {
        return hostPort;
    }

    public BooleanProperty randomHostPortProperty() {
        return randomHostPort;
    }

    public StringProperty containerPortProperty() {
        return containerPort;
    }

    public ObjectProperty<Protocol> protocolProperty() {
        return protocol;
    }

    public String hostIp() {
        return text(hostIp);
    }

    public String hostPort() {
        return text(hostPort);
    }

    public boolean randomHostPort() {
        return randomHostPort.get();
    }

    public String containerPort() {
        return text(containerPort);
    }

    public Protocol protocol() {
        return protocol.get() == null ? Protocol.TCP : protocol.get();
    }

    /** null while not checkable; a result about another {@link #probeKey()} is stale. */
    public ReadOnlyObjectProperty<PortProbe.Result> availabilityProperty() {
        return availability.getReadOnlyProperty();
    }

    void setAvailability(PortProbe.Result result) {
        availability.set(result);
    }

    /** The check's verdict when it blocks running (a taken port) and is about the row as it is now, else null. */
    String availabilityProblem() {
        PortProbe.Result result = availability.get();
        if (result == null || result.problem().isEmpty() || !result.key().equals(probeKey())) {
            return null;
        }
        return result.problem();
    }

    /** What the availability check is about; a result for another key is stale. */
    String probeKey() {
        return hostIp() + "|" + hostPort() + "|" + protocol().wire() + "|" + randomHostPort();
    }

    /** The inputs, and the availability: a check's answer changes whether the row may run. */
    @Override
    public Observable[] inputs() {
        return new Observable[] {hostIp, hostPort, randomHostPort, containerPort, protocol, availability};
    }

    @Override
    public boolean isBlank() {
        return hostIp().isEmpty() && hostPort().isEmpty() && containerPort().isEmpty() && !randomHostPort();
    }
}
