package dev.plateau.fleet;

import java.util.List;
import java.util.Map;

/**
 * One instance's aligned history, as judged: times, memory, and cumulative work across restarts (null without a
 * work expression), with the segments that split it. Handed to {@link FleetRunImport} and then dropped.
 */
record InstanceHistory(Map<String, String> labels, long[] times, double[] memory, double[] work, List<Segment> segments) {
}
