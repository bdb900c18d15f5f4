package dev.plateau.testing;

/**
 * How long each {@code @FuzzTest} fuzzes under {@code mvn -Pfuzz verify -Dfuzz.minutes=N}; filtered from the pom's
 * {@code fuzz.minutes} because {@code @FuzzTest(maxDuration = ...)} needs a compile-time constant. Without
 * {@code JAZZER_FUZZ} (a plain {@code mvn verify}) Jazzer ignores it and only replays the regression inputs.
 */
public final class FuzzBudget {
    public static final String MAX_DURATION = "${fuzz.minutes}m";

    private FuzzBudget() {
    }
}
