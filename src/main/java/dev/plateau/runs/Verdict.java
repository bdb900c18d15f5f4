package dev.plateau.runs;

import java.util.Locale;

/** The leak verdict of one metric in one run (docs/DESIGN.md §2, "Sampler to chart"). */
public enum Verdict {
    /** The metric stopped growing after warm-up: its slope is at or under the threshold. */
    PLATEAU,
    /** The metric keeps growing after warm-up: its slope is over the threshold. */
    GROWING,
    /** Too few points (or no spread in x) after warm-up to fit a slope. */
    INSUFFICIENT_DATA;

    /** Lower-case name as printed in tables and written to {@code run.json}: {@code plateau}, {@code growing}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
