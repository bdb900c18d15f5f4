package dev.plateau.ui.main;

import java.util.Locale;

/** The tabs of the main window; only the shown one is refreshed. */
public enum Page {
    LIVE, CONNECTIONS, LOAD, COMPARE, LOG, FLEET, ALLOCATIONS;

    /** The tab's title as the window shows it ("Live", "Connections", ...). */
    public String title() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }
}
