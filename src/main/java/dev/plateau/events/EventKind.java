package dev.plateau.events;

/** What kind of thing happened; drawn as markers on the timeline and filtered in the log. */
public enum EventKind {
    /** Collector bound its port (or stopped). */
    LIFECYCLE,
    /** A policy (shrink, reinit, idle_timeout) was switched. */
    POLICY,
    /** A connection buffer was shrunk back to one chunk. */
    SHRINK,
    /** A connection was closed because it was idle too long. */
    IDLE_CLOSE,
    /** A load burst started. */
    BURST_START,
    /** A load burst ended (finished, failed or cancelled). */
    BURST_END,
    /** A run started or ended. */
    RUN,
    /** Something the operator should see: warnings. */
    WARNING,
    /** Errors: port in use, output failures, dropped records. */
    ERROR,
    /** Anything else worth a log line. */
    INFO
}
