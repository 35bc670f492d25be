package dev.berth.desktop.run;

import atlantafx.base.theme.Styles;
import dev.berth.desktop.i18n.Texts;
import dev.berth.desktop.run.RunWizardModel.Field;
import dev.berth.desktop.run.RunWizardModel.Restart;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Step 5: network and aliases, restart policy, resource limits, and the -i/-t/--rm switches. */
final class NetworkStepPage extends VBox implements StepPage {

    private static final Texts T = Texts.of(NetworkStepPage.class);

    private final ComboBox<String> network = new ComboBox<>();

    NetworkStepPage(RunWizardViewModel vm) {
        super(20);
        RunWizardModel model = vm.model();

        network.setId("run-network");
        network.setItems(vm.networkChoices());
        network.valueProperty().bindBidirectional(model.networkProperty());
        network.setCellFactory(list -> new NetworkCell());
        network.setButtonCell(new NetworkCell());
        network.setMinWidth(260);
        TextField aliases = Forms.text("run-network-aliases", model.networkAliasesProperty(), T.get("network.aliases.prompt"));
        aliases.disableProperty().bind(Bindings.createBooleanBinding(
                () -> RunWizardModel.BUILT_IN_NETWORKS.contains(
                        Objects.requireNonNullElse(model.networkProperty().get(), RunWizardModel.DEFAULT_NETWORK))
                        && model.networkAliasesProperty().get().isBlank(),
                model.networkProperty(), model.networkAliasesProperty()));
        GridPane net = Forms.grid();
        Forms.row(net, T.get("network.network"), network);
        Forms.row(net, T.get("network.aliases"), aliases,
                Forms.hint(T.get("network.aliases.hint")),
                Forms.problem("run-network-aliases-error", model.problemProperty(Field.NETWORK_ALIASES), aliases));

        ToggleGroup policies = new ToggleGroup();
        HBox segmented = new HBox();
        Restart[] all = Restart.values();
        for (int i = 0; i < all.length; i++) {
            Restart policy = all[i];
            ToggleButton button = new ToggleButton(policy.flag());
            button.setId("run-restart-" + policy.flag());
            button.setUserData(policy);
            button.setToggleGroup(policies);
            button.getStyleClass().add(i == 0 ? Styles.LEFT_PILL : i == all.length - 1 ? Styles.RIGHT_PILL : Styles.CENTER_PILL);
            button.setSelected(model.restartProperty().get() == policy);
            segmented.getChildren().add(button);
        }
        policies.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true); // one policy is always chosen
            } else {
                model.restartProperty().set((Restart) now.getUserData());
            }
        });
        TextField retries = Forms.text("run-restart-count", model.restartCountProperty(), T.get("network.retries.prompt"));
        retries.setMaxWidth(120);
        retries.disableProperty().bind(model.restartProperty().isNotEqualTo(Restart.ON_FAILURE));
        GridPane restart = Forms.grid();
        Forms.row(restart, T.get("network.restart"), segmented);
        Forms.row(restart, T.get("network.retries"), retries, Forms.hint(T.get("network.retries.hint")),
                Forms.problem("run-restart-count-error", model.problemProperty(Field.RESTART_COUNT), retries));

        TextField memory = Forms.text("run-memory", model.memoryProperty(), T.get("network.memory.prompt"));
        memory.setMaxWidth(260);
        TextField cpus = Forms.text("run-cpus", model.cpusProperty(), T.get("network.cpus.prompt"));
        cpus.setMaxWidth(260);
        GridPane resources = Forms.grid();
        Forms.row(resources, T.get("network.memory"), memory,
                Forms.problem("run-memory-error", model.problemProperty(Field.MEMORY), memory));
        Forms.row(resources, T.get("network.cpus"), cpus, Forms.problem("run-cpus-error", model.problemProperty(Field.CPUS), cpus));

        VBox options = new VBox(8,
                Forms.check("run-interactive", T.get("network.interactive"), model.interactiveProperty()),
                Forms.check("run-tty", T.get("network.tty"), model.ttyProperty()),
                Forms.check("run-auto-remove", T.get("network.auto-remove"), model.autoRemoveProperty()),
                Forms.problem("run-auto-remove-error", model.problemProperty(Field.AUTO_REMOVE), null));

        getChildren().addAll(Forms.section(T.get("network.network"), net), Forms.section(T.get("network.section.restart"), restart),
                Forms.section(T.get("network.section.resources"), resources), Forms.section(T.get("network.section.options"), options));
    }

    private static final class NetworkCell extends ListCell<String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
            } else {
                setText(switch (item) {
                    case RunWizardModel.DEFAULT_NETWORK -> T.get("network.choice.default");
                    case "host" -> T.get("network.choice.host");
                    case "none" -> T.get("network.choice.none");
                    default -> item;
                });
            }
        }
    }

    @Override
    public Node firstInput() {
        return network;
    }
}
