package dev.plateau.allocations;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code heaptrack_print --print-leaks 1 --print-peaks 1 --print-allocators 1 -m 0} printed, parsed: one
 * {@link Backtrace} list per section (unmerged, so each entry is a whole call stack, innermost frame first) and
 * the closing totals. The text is heaptrack's own report (the one its users read), so every field here can be
 * checked against it by eye; sizes keep its rounding (4 significant digits).
 *
 * <pre>{@code
 * HeaptrackReport r = HeaptrackReport.read(runDir.resolve("heaptrack.txt"));
 * r.held().get(0).frames().get(0).function();      // "cfl_sds_increase"
 * r.leakedBytes();                                 // "total memory leaked"
 * }</pre>
 *
 * @param debuggee      the profiled command line ({@code Debuggee command was: …}), {@code ""} if absent
 * @param held          "MEMORY LEAKS": bytes still allocated when the data ends (the target was killed)
 * @param peak          "PEAK MEMORY CONSUMERS": bytes of each stack at the moment of the highest heap
 * @param calls         "MOST CALLS TO ALLOCATION FUNCTIONS": calls per stack
 * @param runtimeS      "total runtime", seconds (the time the data covers)
 * @param totalCalls    "calls to allocation functions"
 * @param peakHeapBytes "peak heap memory consumption"
 * @param peakRssBytes  "peak RSS (including heaptrack overhead)"
 * @param leakedBytes   "total memory leaked"
 */
public record HeaptrackReport(String debuggee, List<Backtrace> held, List<Backtrace> peak, List<Backtrace> calls,
                              double runtimeS, long totalCalls, long peakHeapBytes, long peakRssBytes,
                              long leakedBytes) {
    private static final Pattern CALLS = Pattern.compile("(\\d+) calls to allocation functions with (\\S+) peak consumption from");
    private static final Pattern PEAK = Pattern.compile("(\\S+) peak memory consumed over (\\d+) calls from");
    private static final Pattern LEAK = Pattern.compile("(\\S+) leaked over (\\d+) calls from");
    private static final Pattern RUNTIME = Pattern.compile("total runtime: ([0-9.]+)s\\.?");
    private static final Pattern TOTAL_CALLS = Pattern.compile("calls to allocation functions: (\\d+).*");
    private static final Pattern PEAK_HEAP = Pattern.compile("peak heap memory consumption: (\\S+)");
    private static final Pattern PEAK_RSS = Pattern.compile("peak RSS \\(including heaptrack overhead\\): (\\S+)");
    private static final Pattern LEAKED = Pattern.compile("total memory leaked: (\\S+)");

    public HeaptrackReport {
        held = List.copyOf(held);
        peak = List.copyOf(peak);
        calls = List.copyOf(calls);
    }

    public static HeaptrackReport read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(in);
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses the report; {@link IllegalArgumentException} naming the line when it is not heaptrack_print's text. */
    public static HeaptrackReport parse(Reader text) throws IOException {
        Parser p = new Parser();
        BufferedReader in = text instanceof BufferedReader b ? b : new BufferedReader(text);
        int number = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            number++;
            try {
                p.accept(line);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + number + ": " + e.getMessage(), e);
            }
        }
        p.endBlock();
        if (!p.sawSection) {
            throw new IllegalArgumentException("no heaptrack_print section (MEMORY LEAKS, PEAK MEMORY CONSUMERS, …) found");
        }
        return new HeaptrackReport(p.debuggee, p.held, p.peak, p.calls, p.runtimeS, p.totalCalls, p.peakHeap,
                p.peakRss, p.leaked);
    }

    /** Line-by-line state: the current section, the current block's cost and frames. */
    private static final class Parser {
        final List<Backtrace> held = new ArrayList<>();
        final List<Backtrace> peak = new ArrayList<>();
        final List<Backtrace> calls = new ArrayList<>();
        String debuggee = "";
        double runtimeS = Double.NaN;
        long totalCalls;
        long peakHeap;
        long peakRss;
        long leaked;
        boolean sawSection;
        List<Backtrace> section;
        List<Frame> frames;
        long blockBytes;
        long blockCalls;
        String function;
        String file;
        int lineNo;
        String module;

        void accept(String line) {
            if (line.startsWith("Debuggee command was: ")) {
                debuggee = line.substring("Debuggee command was: ".length()).trim();
                return;
            }
            if (line.isBlank()) {
                endBlock();
                return;
            }
            if (!Character.isWhitespace(line.charAt(0))) {
                endBlock();
                header(line.trim());
                return;
            }
            if (frames == null) {
                return; // merged-mode sub-lines or an unknown section: not ours
            }
            String t = line.trim();
            if (t.startsWith("at ")) {
                location(t.substring(3));
            } else if (t.startsWith("in ")) {
                module = t.substring(3);
            } else if (t.startsWith("and ") && t.endsWith("other places")) {
                return;
            } else {
                endFrame();
                function = t;
            }
        }

        private void header(String t) {
            Matcher m;
            switch (t) {
                case "MOST CALLS TO ALLOCATION FUNCTIONS" -> section(calls);
                case "PEAK MEMORY CONSUMERS" -> section(peak);
                case "MEMORY LEAKS" -> section(held);
                case "MOST TEMPORARY ALLOCATIONS", "MOST BYTES ALLOCATED OVER TIME (ignoring deallocations)" -> section(null);
                default -> {
                    if (section == calls && (m = CALLS.matcher(t)).matches()) {
                        begin(ByteUnits.parse(m.group(2)), Long.parseLong(m.group(1)));
                    } else if (section == peak && (m = PEAK.matcher(t)).matches()) {
                        begin(ByteUnits.parse(m.group(1)), Long.parseLong(m.group(2)));
                    } else if (section == held && (m = LEAK.matcher(t)).matches()) {
                        begin(ByteUnits.parse(m.group(1)), Long.parseLong(m.group(2)));
                    } else {
                        totals(t);
                    }
                }
            }
        }

        private void section(List<Backtrace> s) {
            section = s;
            sawSection = true;
        }

        private void totals(String t) {
            Matcher m;
            if ((m = RUNTIME.matcher(t)).matches()) {
                runtimeS = Double.parseDouble(m.group(1));
                section = null;
            } else if ((m = TOTAL_CALLS.matcher(t)).matches()) {
                totalCalls = Long.parseLong(m.group(1));
            } else if ((m = PEAK_HEAP.matcher(t)).matches()) {
                peakHeap = ByteUnits.parse(m.group(1));
            } else if ((m = PEAK_RSS.matcher(t)).matches()) {
                peakRss = ByteUnits.parse(m.group(1));
            } else if ((m = LEAKED.matcher(t)).matches()) {
                leaked = ByteUnits.parse(m.group(1));
            }
        }

        private void begin(long bytes, long count) {
            frames = new ArrayList<>();
            blockBytes = bytes;
            blockCalls = count;
        }

        private void location(String at) {
            int colon = at.lastIndexOf(':');
            if (colon > 0 && at.substring(colon + 1).matches("\\d+")) {
                file = at.substring(0, colon);
                lineNo = Integer.parseInt(at.substring(colon + 1));
            } else {
                file = at;
                lineNo = 0;
            }
        }

        private void endFrame() {
            if (function != null) {
                frames.add(new Frame(function, file, lineNo, module));
            }
            function = null;
            file = null;
            lineNo = 0;
            module = null;
        }

        void endBlock() {
            if (frames == null) {
                return;
            }
            endFrame();
            if (section != null && !frames.isEmpty()) {
                section.add(new Backtrace(blockBytes, blockCalls, frames));
            }
            frames = null;
        }
    }
}
