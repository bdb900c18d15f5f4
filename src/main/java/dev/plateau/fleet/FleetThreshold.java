package dev.plateau.fleet;

import dev.plateau.runs.Trend;
import java.util.Locale;

/**
 * The one place where {@code --threshold} (CLI) and the Fleet tab's threshold field become a {@link Trend}, so the
 * fleet uses exactly the verdict rule of local runs. Blank means the rule's default; a number is an absolute slope
 * in bytes per unit of work (per record, or per second without a work expression), with Fluent Bit's decimal
 * suffixes ({@code 2K} = 2,000). A relative threshold ({@code 5%}) is recognised and refused until the verdict
 * rule is relative itself.
 */
public final class FleetThreshold {
    private FleetThreshold() {
    }

    /** The verdict rule for {@code spec} (null or blank: the default); {@link IllegalArgumentException} naming it. */
    public static Trend trend(String spec) {
        if (spec == null || spec.isBlank()) {
            return new Trend();
        }
        String s = spec.trim().toUpperCase(Locale.ROOT);
        if (s.endsWith("%")) {
            throw new IllegalArgumentException("threshold '" + spec + "': relative thresholds are not supported by this"
                    + " verdict rule; give bytes per unit, e.g. 1024");
        }
        double multiplier = s.endsWith("K") ? 1e3 : s.endsWith("M") ? 1e6 : s.endsWith("G") ? 1e9 : 1;
        String number = multiplier == 1 ? s : s.substring(0, s.length() - 1);
        try {
            return new Trend(Double.parseDouble(number) * multiplier);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("threshold '" + spec + "' is not a number of bytes per unit (e.g. 1024, 2K)");
        }
    }
}
