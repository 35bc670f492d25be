package dev.berth.icons;

import org.kordamp.ikonli.javafx.FontIcon;

/** Every icon the app shows; nothing else names an icon font glyph. */
public enum AppIcon {
    DASHBOARD("mdi2v-view-dashboard-outline"),
    CONTAINER("mdi2c-cube-outline"),
    IMAGE("mdi2p-package-variant"),
    NETWORK("mdi2s-server-network"),
    VOLUME("mdi2h-harddisk"),
    PORT("mdi2l-lan-connect"),
    ENGINE("mdi2d-docker"),
    START("mdi2p-play"),
    STOP("mdi2s-stop"),
    RESTART("mdi2r-restart"),
    PAUSE("mdi2p-pause"),
    KILL("mdi2l-lightning-bolt"),
    REMOVE("mdi2d-delete-outline"),
    PRUNE("mdi2b-broom"),
    REFRESH("mdi2r-refresh"),
    PULL("mdi2d-download"),
    RUN("mdi2r-rocket-launch-outline"),
    TERMINAL("mdi2c-console"),
    LOGS("mdi2t-text-box-outline"),
    SEARCH("mdi2m-magnify"),
    THEME("mdi2t-theme-light-dark"),
    REACHABLE("mdi2c-check-circle"),
    UNREACHABLE("mdi2a-alert-circle-outline");

    private final String literal;

    AppIcon(String literal) {
        this.literal = literal;
    }

    public String literal() {
        return literal;
    }

    public FontIcon node() {
        return new FontIcon(literal);
    }

    public FontIcon node(int size) {
        FontIcon icon = new FontIcon(literal);
        icon.setIconSize(size);
        return icon;
    }
}
