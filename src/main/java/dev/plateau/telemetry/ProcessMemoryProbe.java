package dev.plateau.telemetry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;
import oshi.software.os.linux.LinuxOperatingSystem;

/**
 * Resident set size of one process: this JVM or any PID (so the same charts can watch a real fluent-bit).
 *
 * <p>For this process on Linux the probe reads {@code /proc/self/statm} (resident pages × page size, ~15 µs);
 * everywhere else it asks OSHI ({@code getProcess(pid).getResidentSetSize()}, ~0.25 ms; the first OSHI call
 * costs ~0.2 s to set up, done lazily and once per JVM).
 *
 * <pre>{@code
 * long mine = ProcessMemoryProbe.self().rssBytes();
 * ProcessMemoryProbe fb = ProcessMemoryProbe.of(4242);   // IllegalArgumentException "no process with PID 4242"
 * long theirs = fb.rssBytes();                           // -1 once the process is gone
 * }</pre>
 */
public final class ProcessMemoryProbe {
    private static final Path STATM = Path.of("/proc/self/statm");
    private static final ProcessMemoryProbe SELF = new ProcessMemoryProbe(ProcessHandle.current().pid(), true);

    private final long pid;
    private final boolean self;
    private volatile boolean statmWorks;

    private ProcessMemoryProbe(long pid, boolean self) {
        this.pid = pid;
        this.self = self;
        this.statmWorks = self && Files.isReadable(STATM);
    }

    /** This JVM. */
    public static ProcessMemoryProbe self() {
        return SELF;
    }

    /** Any process; throws {@link IllegalArgumentException} when there is no process with that PID. */
    public static ProcessMemoryProbe of(long pid) {
        if (pid == SELF.pid) {
            return SELF;
        }
        if (pid <= 0 || pid > Integer.MAX_VALUE || Oshi.OS.getProcess((int) pid) == null) {
            throw new IllegalArgumentException("no process with PID " + pid);
        }
        return new ProcessMemoryProbe(pid, false);
    }

    public long pid() {
        return pid;
    }

    /** Resident set size in bytes, or -1 when the process is gone. */
    public long rssBytes() {
        if (statmWorks) {
            try {
                return readStatm();
            } catch (IOException | RuntimeException e) {
                statmWorks = false;
            }
        }
        OSProcess p = Oshi.OS.getProcess((int) pid);
        return p == null ? -1 : p.getResidentSetSize();
    }

    private static long readStatm() throws IOException {
        String text = new String(Files.readAllBytes(STATM), StandardCharsets.US_ASCII);
        int first = text.indexOf(' ');
        int second = text.indexOf(' ', first + 1);
        long pages = Long.parseLong(text.substring(first + 1, second < 0 ? text.length() : second).trim());
        return pages * PageSize.BYTES;
    }

    @Override
    public String toString() {
        return self ? "self (PID " + pid + ")" : "PID " + pid;
    }

    /** OSHI set up lazily, once. */
    private static final class Oshi {
        static final OperatingSystem OS = new SystemInfo().getOperatingSystem();
    }

    private static final class PageSize {
        static final long BYTES = LinuxOperatingSystem.getPageSize();
    }
}
