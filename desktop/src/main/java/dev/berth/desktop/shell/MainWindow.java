package dev.berth.desktop.shell;

import dev.berth.desktop.engines.EngineSession;
import dev.berth.desktop.engines.EnginesSidebar;
import dev.berth.desktop.engines.EnginesViewModel;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.i18n.Texts;
import dev.berth.desktop.theme.ThemeService;
import dev.berth.icons.AppIcon;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * Engines and navigation on the left, the selected page in the middle, the status bar below. The page is told
 * which engine to show whenever the page or the engine changes; pages never look the engine up themselves.
 */
public final class MainWindow extends BorderPane {

    private static final Texts T = Texts.of(MainWindow.class);

    private final EnginesViewModel engines;
    private final ListView<Page> navigation;
    private final StackPane content = new StackPane();
    private final NoEngineView noEngine;
    private Page visible;
    private Runnable statusSubscription = () -> { };
    private final ThemeService theme;
    private final CommandPalette palette = new CommandPalette(this::commands);
    private final List<PaletteCommand> appCommands;

    /** @param appCommands actions of the whole app (e.g. "Run a container…"), offered on every page */
    public MainWindow(EnginesViewModel engines, BackgroundExecutor background, Notifier notifier, ThemeService theme,
                      List<Page> pages, List<PaletteCommand> appCommands) {
        this.engines = engines;
        this.theme = theme;
        this.appCommands = appCommands;
        setId("main-window");
        this.noEngine = new NoEngineView(engines.placesLookedAt());
        navigation = new ListView<>();
        navigation.setId("navigation");
        navigation.getItems().setAll(pages);
        navigation.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Page page, boolean empty) {
                super.updateItem(page, empty);
                setText(empty ? null : page.title());
                setGraphic(empty ? null : page.icon().node(16));
                setId(empty ? null : "nav-" + page.id());
            }
        });
        navigation.setFixedCellSize(38); // AtlantaFX's row height; a fixed size lets the list fit all pages exactly
        navigation.setPrefHeight(pages.size() * 38 + 4);
        navigation.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label navHeading = new Label("Berth");
        navHeading.getStyleClass().add("sidebar-heading");
        ToggleButton dark = new ToggleButton(T.get("window.dark-theme"), AppIcon.THEME.node(16));
        dark.setId("theme-toggle");
        dark.setTooltip(Shortcuts.tooltip(T.get("window.dark-theme.tooltip"), Shortcuts.DARK_THEME));
        dark.selectedProperty().bindBidirectional(theme.darkProperty());
        Button commandsButton = new Button(T.get("window.commands", Shortcuts.text(Shortcuts.PALETTE)));
        commandsButton.setTooltip(new Tooltip(T.get("window.commands.tooltip")));
        commandsButton.setId("open-palette");
        commandsButton.setOnAction(e -> openPalette());
        Region grow = new Region();
        VBox.setVgrow(grow, Priority.ALWAYS);
        VBox left = new VBox(8, new EnginesSidebar(engines), navHeading, navigation, grow, commandsButton, dark);
        left.setPadding(new Insets(8));
        left.setPrefWidth(250);
        left.getStyleClass().add("sidebar");
        setLeft(left);
        content.setPadding(new Insets(8));
        StackPane center = new StackPane(content, new NoticesOverlay(notifier));
        setCenter(center);
        setBottom(new StatusBar(engines, background));

        navigation.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> showPage());
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (Shortcuts.PALETTE.match(e)) {
                e.consume();
                openPalette();
            }
        });
        // a handler, not a filter: a focused control that uses the key itself (a text field's Ctrl+C, the logs'
        // own Ctrl+F, the terminal) keeps it
        addEventHandler(KeyEvent.KEY_PRESSED, this::runShortcut);
        engines.sessionProperty().addListener((obs, old, now) -> {
            statusSubscription.run();
            statusSubscription = now == null ? () -> { } : now.events().subscribe(batch -> {
                if (engines.selectedProperty().get() != null) {
                    engines.refreshStatus(engines.selectedProperty().get());
                }
            });
            showPage();
        });
        pages.stream().filter(p -> p.id().equals("containers")).findFirst().or(() -> pages.stream().findFirst())
                .ifPresent(p -> navigation.getSelectionModel().select(p));
    }

    public void openPalette() {
        palette.open(getScene() == null ? null : getScene().getWindow());
    }

    /**
     * Everything the palette offers now: the visible page's own commands first, then the app's, navigation, engines
     * and appearance. Where a page gives a shortcut a meaning of its own (Ctrl+N on Images runs the selected image),
     * the app-wide command with that shortcut is left out.
     */
    List<PaletteCommand> commands() {
        List<PaletteCommand> all = new ArrayList<>();
        if (visible != null) {
            all.addAll(visible.commands());
            Page page = visible;
            all.add(new PaletteCommand(T.get("palette.search-page", page.title().toLowerCase(java.util.Locale.ROOT)), page.title(),
                    Shortcuts.FIND, page::focusSearch));
            all.add(new PaletteCommand(T.get("palette.refresh-page", page.title().toLowerCase(java.util.Locale.ROOT)), page.title(),
                    Shortcuts.REFRESH, page::refresh));
        }
        all.addAll(appCommands);
        List<Page> pages = navigation.getItems();
        for (int i = 0; i < pages.size(); i++) {
            Page p = pages.get(i);
            all.add(new PaletteCommand(T.get("palette.go-to", p.title()), T.get("palette.category.navigate"),
                    i < Shortcuts.PAGES.size() ? Shortcuts.PAGES.get(i) : null,
                    () -> navigation.getSelectionModel().select(p)));
        }
        engines.engines().forEach(e -> all.add(new PaletteCommand(T.get("palette.switch-engine", e.name()), T.get("palette.category.engines"),
                () -> engines.selectedProperty().set(e))));
        all.add(new PaletteCommand(T.get("palette.refresh-engines"), T.get("palette.category.engines"), engines::refreshStatuses));
        all.add(new PaletteCommand(T.get("palette.toggle-dark"), T.get("palette.category.appearance"), Shortcuts.DARK_THEME, theme::toggle));
        List<PaletteCommand> unique = new ArrayList<>();
        List<KeyCombination> taken = new ArrayList<>();
        for (PaletteCommand c : all) {
            if (c.shortcut() == null || !taken.contains(c.shortcut())) {
                unique.add(c);
                if (c.shortcut() != null) {
                    taken.add(c.shortcut());
                }
            }
        }
        return unique;
    }

    /** Runs the command whose window-wide shortcut this is, if nothing focused used the key. */
    private void runShortcut(KeyEvent e) {
        for (PaletteCommand c : commands()) {
            if (c.shortcut() != null && Shortcuts.isWindowWide(c.shortcut()) && c.shortcut().match(e)) {
                e.consume();
                c.action().run();
                return;
            }
        }
    }

    /** Selects the page with this id (navigation, command palette, tests). */
    public void navigate(String pageId) {
        navigation.getItems().stream().filter(p -> p.id().equals(pageId)).findFirst()
                .ifPresent(p -> navigation.getSelectionModel().select(p));
    }

    private void showPage() {
        Page page = navigation.getSelectionModel().getSelectedItem();
        EngineSession session = engines.sessionProperty().get();
        if (visible != null) {
            visible.hide();
            visible = null;
        }
        if (session == null || page == null) {
            boolean connecting = engines.selectedProperty().get() != null
                    && engines.selectedProperty().get().status().reachable();
            content.getChildren().setAll(connecting ? new Label(T.get("window.connecting",
                    engines.selectedProperty().get().name())) : noEngine);
            return;
        }
        content.getChildren().setAll(page.view());
        page.show(session);
        visible = page;
    }
}
