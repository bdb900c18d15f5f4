package dev.plateau.ui;

/** The tabs of the main window; only the shown one is refreshed. */
public enum Page {
    LIVE, CONNECTIONS, LOAD, COMPARE, LOG, ALLOCATIONS
}
