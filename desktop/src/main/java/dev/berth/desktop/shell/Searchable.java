package dev.berth.desktop.shell;

/** A page view with a search field that Ctrl+F puts the focus in. */
public interface Searchable {

    void focusSearch();
}
