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
    UNREACHABLE("mdi2a-alert-circle-outline"),
    ATTACH("mdi2p-power-plug-outline"),
    DISCONNECT("mdi2p-power-plug-off-outline"),
    FOLDER("mdi2f-folder-outline"),
    FILE("mdi2f-file-outline"),
    LINK("mdi2l-link-variant"),
    UPLOAD("mdi2t-tray-arrow-up"),
    DOWNLOAD("mdi2t-tray-arrow-down"),
    PARENT_FOLDER("mdi2a-arrow-up"),
    EXPANDED("mdi2c-chevron-down"),
    COLLAPSED("mdi2c-chevron-right"),
    CLOSE("mdi2c-close"),
    GROUP("mdi2f-format-list-group"),
    SIZE("mdi2r-ruler"),
    TAG("mdi2t-tag-outline"),
    PUSH("mdi2u-upload"),
    HISTORY("mdi2h-history"),
    LOAD("mdi2f-file-import-outline"),
    SAVE("mdi2c-content-save-outline"),
    IMPORT("mdi2a-archive-arrow-down-outline"),
    DISK("mdi2c-chart-donut"),
    EVENTS("mdi2c-calendar-clock"),
    COPY("mdi2c-content-copy"),
    WRAP("mdi2w-wrap"),
    TIMESTAMPS("mdi2c-clock-outline"),
    PREVIOUS("mdi2c-chevron-up"),
    NEXT("mdi2c-chevron-down"),
    FOLLOW("mdi2a-arrow-collapse-down"),
    SCROLL_TO_END("mdi2f-format-vertical-align-bottom"),
    CLEAR("mdi2e-eraser"),
    TREE("mdi2f-file-tree-outline"),
    RAW_JSON("mdi2c-code-json"),
    EXPAND_ALL("mdi2u-unfold-more-horizontal"),
    COLLAPSE_ALL("mdi2u-unfold-less-horizontal"),
    STATS("mdi2c-chart-line"),
    ADD("mdi2p-plus"),
    BROWSE("mdi2f-folder-open-outline"),
    CERTIFICATE("mdi2c-certificate-outline"),
    EXPIRING("mdi2c-clock-alert-outline"),
    SETTINGS("mdi2c-cog-outline");

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
