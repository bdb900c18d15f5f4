package dev.plateau.fleet;

import dev.plateau.runs.Threshold;
import dev.plateau.runs.Trend;

/**
 * The one place where {@code --threshold} (CLI) and the Fleet tab's threshold field become a {@link Trend}, so the
 * fleet uses exactly the verdict rule of local runs: blank means the rule's default (fitted growth over 10 % of the
 * level and 1 MiB); otherwise {@link Threshold#parse} — {@code 5%} of the level, or an absolute slope in bytes per
 * unit of work ({@code 1KiB}, {@code 2KB}, {@code 1024}).
 */
public final class FleetThreshold {
    private FleetThreshold() {
    }

    /** The verdict rule for {@code spec} (null or blank: the default); {@link IllegalArgumentException} naming it. */
    public static Trend trend(String spec) {
        return spec == null || spec.isBlank() ? new Trend() : new Trend(Threshold.parse(spec));
    }
}
