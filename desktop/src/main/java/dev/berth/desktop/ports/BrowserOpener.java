package dev.berth.desktop.ports;

/**
 * Opens an address in the user's browser: the app passes JavaFX's HostServices, tests pass something that records
 * the address.
 */
@FunctionalInterface
public interface BrowserOpener {

    void open(String url);
}
