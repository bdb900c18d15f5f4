package dev.plateau.fleet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Names each series of an answer by its {@code --by} label values and pairs memory with work. Refuses, with one
 * line that lists the offenders: an answer with no series, series lacking a {@code --by} label, two series with
 * the same name (the labels do not tell instances apart), and instances present on one side only.
 */
final class InstanceMatcher {
    private static final int LISTED = 8;

    /** A series and all its labels. */
    record Named(Map<String, String> labels, Points points) {
    }

    private InstanceMatcher() {
    }

    /** The series of one expression by instance name ({@code by} label values, in order). */
    static Map<Map<String, String>, Named> byInstance(String option, String expr, Map<Map<String, String>, Points> series,
                                                      List<String> by) throws FleetException {
        if (series.isEmpty()) {
            throw new FleetException(option + " '" + expr + "' returned no series over the range"
                    + " (check the metric name and its label filters in Prometheus' graph page)");
        }
        Map<Map<String, String>, Named> out = new LinkedHashMap<>();
        List<Map<String, String>> unnamed = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (Map.Entry<Map<String, String>, Points> e : series.entrySet()) {
            Map<String, String> labels = e.getKey();
            seen.addAll(labels.keySet());
            if (!labels.keySet().containsAll(by)) {
                unnamed.add(labels);
                continue;
            }
            Map<String, String> name = new LinkedHashMap<>();
            by.forEach(l -> name.put(l, labels.get(l)));
            Named previous = out.put(name, new Named(labels, e.getValue()));
            if (previous != null) {
                throw new FleetException(option + ": two series are both " + text(name) + ": " + text(previous.labels())
                        + " and " + text(labels) + " (add a label to --by, or aggregate: max by (" + String.join(", ", by)
                        + ") (...))");
            }
        }
        if (!unnamed.isEmpty()) {
            seen.remove("__name__");
            throw new FleetException(option + ": " + unnamed.size() + " of " + series.size() + " series lack the --by label(s) "
                    + String.join(",", by) + ": " + list(unnamed.stream().map(InstanceMatcher::text).toList())
                    + "; their labels: " + (seen.isEmpty() ? "(none)" : String.join(", ", seen)));
        }
        return out;
    }

    /** Fails listing the instances that appear in only one of the two expressions. */
    static void requireSameInstances(Set<Map<String, String>> memory, Set<Map<String, String>> work) throws FleetException {
        List<String> memoryOnly = memory.stream().filter(k -> !work.contains(k)).map(InstanceMatcher::text).sorted().toList();
        List<String> workOnly = work.stream().filter(k -> !memory.contains(k)).map(InstanceMatcher::text).sorted().toList();
        if (memoryOnly.isEmpty() && workOnly.isEmpty()) {
            return;
        }
        StringBuilder s = new StringBuilder("instances do not match between --memory and --work:");
        if (!memoryOnly.isEmpty()) {
            s.append(" memory only: ").append(list(memoryOnly)).append(';');
        }
        if (!workOnly.isEmpty()) {
            s.append(" work only: ").append(list(workOnly)).append(';');
        }
        throw new FleetException(s.append(" (filter both expressions alike, or choose --by labels both carry)").toString());
    }

    static String text(Map<String, String> labels) {
        return labels.entrySet().stream().map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static String list(List<String> items) {
        String shown = String.join(" ", items.subList(0, Math.min(LISTED, items.size())));
        return items.size() > LISTED ? shown + " and " + (items.size() - LISTED) + " more" : shown;
    }
}
