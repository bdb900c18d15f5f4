package dev.plateau.allocations;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Bytes held over time by chosen sites, read from heaptrack's own data file (heaptrack_print has no per-site time
 * series: its massif trees are empty in 1.4 and {@code --filter-bt-function} does not filter them). The file is
 * heaptrack_interpret's line format: {@code s} strings, {@code i ip module [function file line]…} instructions
 * (innermost inlined frame first), {@code t ip parent} trace nodes, {@code a size trace} allocation kinds,
 * {@code +}/{@code -} an allocation / free of a kind, {@code c ms} timestamps; numbers in hex. Each trace is folded
 * to its site with the same {@link Wrappers} as the table, and the held bytes of the chosen sites are written as a
 * row every {@code step} of heaptrack time.
 *
 * <pre>{@code
 * SiteTimeline.write(raw, List.of(top.get(0).key()), Wrappers.DEFAULT, 100, targetStartMs, runStartMs, csv);
 * }</pre>
 */
public final class SiteTimeline {
    public static final String FILE = "sites.csv";

    private SiteTimeline() {
    }

    /** Writes {@code epoch_ms,elapsed_s,site,held_bytes} rows for {@code keys} (see {@link AllocationSite#key()}). */
    public static void write(Path raw, List<String> keys, Wrappers wrappers, long stepMs, long targetStartMs,
                             long runStartMs, Path csv) throws IOException {
        List<String> strings = new ArrayList<>();
        List<long[]> ips = new ArrayList<>();
        List<long[]> traces = new ArrayList<>();
        List<long[]> kinds = new ArrayList<>();
        Map<Long, Integer> siteOfTrace = new HashMap<>();
        Map<String, Integer> column = new LinkedHashMap<>();
        keys.forEach(k -> column.put(k, column.size()));
        long[] held = new long[keys.size()];
        long lastRow = Long.MIN_VALUE;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(open(raw), StandardCharsets.UTF_8));
             Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("epoch_ms,elapsed_s,site,held_bytes\n");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.length() < 3) {
                    continue;
                }
                char type = line.charAt(0);
                String rest = line.substring(2);
                switch (type) {
                    case 's' -> strings.add(rest.substring(rest.indexOf(' ') + 1));
                    case 'i' -> ips.add(hex(rest));
                    case 't' -> traces.add(hex(rest));
                    case 'a' -> kinds.add(hex(rest));
                    case '+', '-' -> {
                        long[] kind = kinds.get((int) Long.parseLong(rest, 16));
                        int site = siteOfTrace.computeIfAbsent(kind[1],
                                t -> column.getOrDefault(siteKey(t, strings, ips, traces, wrappers), -1));
                        if (site >= 0) {
                            held[site] += type == '+' ? kind[0] : -kind[0];
                        }
                    }
                    case 'c' -> {
                        long t = Long.parseLong(rest, 16);
                        if (lastRow == Long.MIN_VALUE || t - lastRow >= stepMs) {
                            lastRow = t;
                            long epoch = targetStartMs + t;
                            for (String k : keys) {
                                out.write(epoch + "," + String.format(java.util.Locale.ROOT, "%.3f",
                                        (epoch - runStartMs) / 1000.0) + ",\"" + k.replace("\"", "\"\"") + "\","
                                        + held[column.get(k)] + "\n");
                            }
                        }
                    }
                    default -> { }
                }
            }
        } catch (RuntimeException e) {
            throw new IOException("cannot read heaptrack data " + raw + ": " + e, e);
        }
    }

    /** Reads {@code sites.csv} back: per site, {@code [elapsed_s, held_bytes]} points in time order. */
    public static Map<String, List<double[]>> read(Path csv) throws IOException {
        Map<String, List<double[]>> out = new LinkedHashMap<>();
        if (!Files.isRegularFile(csv)) {
            return out;
        }
        try (java.io.Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             org.apache.commons.csv.CSVParser p = org.apache.commons.csv.CSVParser.builder().setReader(in)
                     .setFormat(org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())
                     .get()) {
            for (org.apache.commons.csv.CSVRecord r : p) {
                out.computeIfAbsent(r.get("site"), k -> new ArrayList<>()).add(new double[] {
                        Double.parseDouble(r.get("elapsed_s")), Double.parseDouble(r.get("held_bytes"))});
            }
        } catch (NumberFormatException | IllegalStateException | java.io.UncheckedIOException e) {
            throw new IOException("corrupt file " + csv + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static InputStream open(Path raw) throws IOException {
        InputStream in = Files.newInputStream(raw);
        return raw.toString().endsWith(".gz") ? new GZIPInputStream(in) : new ZstdInputStream(in);
    }

    /** The same key {@link SiteFolder} gives the trace's stack. */
    private static String siteKey(long trace, List<String> strings, List<long[]> ips, List<long[]> traces, Wrappers w) {
        List<Frame> frames = new ArrayList<>();
        for (long t = trace; t > 0 && frames.size() < 256; t = traces.get((int) t - 1)[1]) {
            long[] ip = ips.get((int) traces.get((int) t - 1)[0] - 1);
            String module = ip.length > 1 ? string(strings, ip[1]) : "";
            if (ip.length < 5) {
                frames.add(new Frame(String.format("0x%x", ip[0]), "", 0, module));
            }
            for (int f = 2; f + 2 < ip.length; f += 3) {
                String function = ip[f] == 0 ? String.format("0x%x", ip[0]) : string(strings, ip[f]);
                frames.add(new Frame(function, string(strings, ip[f + 1]), (int) ip[f + 2], f == 2 ? module : ""));
            }
        }
        if (frames.isEmpty()) {
            return "";
        }
        List<AllocationSite> sites = new SiteFolder(w).fold(new HeaptrackReport("", List.of(new Backtrace(1, 1, frames)),
                List.of(), List.of(), 0, 0, 0, 0, 0));
        return sites.get(0).key();
    }

    private static String string(List<String> strings, long index) {
        return index > 0 && index <= strings.size() ? strings.get((int) index - 1) : "";
    }

    private static long[] hex(String rest) {
        String[] parts = rest.split(" ");
        long[] out = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Long.parseUnsignedLong(parts[i], 16);
        }
        return out;
    }
}
