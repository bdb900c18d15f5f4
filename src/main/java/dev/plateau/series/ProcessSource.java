package dev.plateau.series;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A process by PID, read from {@code /proc/PID}: {@code target_rss_bytes} (VmRSS), {@code target_anon_bytes}
 * (RssAnon), {@code target_file_bytes} (RssFile + RssShmem), {@code target_swap_bytes} (VmSwap),
 * {@code target_threads} from {@code status}; {@code target_pss_bytes} from {@code smaps_rollup} where readable;
 * {@code target_fds} = entries of {@code fd/}. A process that is gone is not an error of the sampler: its series
 * are left empty from then on and {@link #fault()} says {@code target process 1234 is gone}.
 * One read costs a few tens of microseconds (three small proc files and a directory listing).
 */
public final class ProcessSource implements Source {
    public static final Series RSS = Series.gauge("target_rss_bytes", Series.BYTES);
    public static final Series ANON = Series.gauge("target_anon_bytes", Series.BYTES);
    public static final Series FILE = Series.gauge("target_file_bytes", Series.BYTES);
    public static final Series SWAP = Series.gauge("target_swap_bytes", Series.BYTES);
    public static final Series PSS = Series.gauge("target_pss_bytes", Series.BYTES);
    public static final Series THREADS = Series.gauge("target_threads", Series.COUNT);
    public static final Series FDS = Series.gauge("target_fds", Series.COUNT);
    private static final List<Series> ALL = List.of(RSS, ANON, FILE, SWAP, PSS, THREADS, FDS);

    private final long pid;
    private final Path proc;
    private volatile String fault;

    public ProcessSource(long pid) {
        this(pid, Path.of("/proc"));
    }

    ProcessSource(long pid, Path procRoot) {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid: must be > 0, was " + pid);
        }
        this.pid = pid;
        this.proc = procRoot.resolve(Long.toString(pid));
    }

    public long pid() {
        return pid;
    }

    /** Whether {@code /proc/PID} exists (and so the process, or its zombie). */
    public boolean alive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Override
    public String id() {
        return "process";
    }

    @Override
    public void read(SeriesRegistry registry, Map<String, Double> out) {
        ALL.forEach(s -> registry.declare(id(), s));
        if (fault != null) {
            return;
        }
        try {
            Map<String, Long> status = status();
            out.put(RSS.column(), kib(status, "VmRSS"));
            out.put(ANON.column(), kib(status, "RssAnon"));
            out.put(FILE.column(), kib(status, "RssFile") + kib(status, "RssShmem"));
            out.put(SWAP.column(), kib(status, "VmSwap"));
            double pss = pss();
            if (!Double.isNaN(pss)) {
                out.put(PSS.column(), pss);
            }
            out.put(THREADS.column(), (double) status.getOrDefault("Threads", 0L));
            out.put(FDS.column(), (double) fds());
        } catch (NoSuchFileException e) {
            fault = "target process " + pid + " is gone";
        } catch (IOException e) {
            fault = alive() ? "target process " + pid + ": cannot read " + e.getMessage() : "target process " + pid + " is gone";
        }
    }

    private Map<String, Long> status() throws IOException {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(proc.resolve("status"))) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String[] parts = line.substring(colon + 1).trim().split("\\s+");
            if (parts.length > 0 && parts[0].matches("[0-9]+")) {
                out.put(line.substring(0, colon), Long.parseLong(parts[0]));
            }
        }
        if (!out.containsKey("VmRSS")) {
            throw new NoSuchFileException(proc + "/status has no VmRSS (zombie)");
        }
        return out;
    }

    private static double kib(Map<String, Long> status, String key) {
        return status.getOrDefault(key, 0L) * 1024.0;
    }

    private double pss() {
        try {
            for (String line : Files.readAllLines(proc.resolve("smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[0]) * 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not readable (another user's process, older kernel): no PSS, the rest still counts
        }
        return Double.NaN;
    }

    private long fds() {
        long n = 0;
        try (DirectoryStream<Path> d = Files.newDirectoryStream(proc.resolve("fd"))) {
            for (Path ignored : d) {
                n++;
            }
        } catch (IOException e) {
            return -1;
        }
        return n;
    }

    @Override
    public String fault() {
        return fault;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", id());
        m.put("pid", pid);
        if (fault != null) {
            m.put("fault", fault);
        }
        return m;
    }
}
