package dev.plateau.fleet;

import java.util.List;
import java.util.Locale;

/**
 * Ready-made queries for the fleets Plateau knows: which memory gauge, which work counter, which labels name an
 * instance. Selected with {@code plateau fleet --preset NAME} or in the console's Fleet tab; any of the three can
 * still be overridden.
 *
 * <ul>
 * <li>{@link #FLUENT_BIT_K8S}: a Fluent Bit DaemonSet; cAdvisor's working set of the {@code fluent-bit} container
 *     against the records its inputs took, per pod.</li>
 * <li>{@link #FLUENT_BIT_HOSTS}: Fluent Bit as a host service; process-exporter's resident memory of the
 *     {@code fluent-bit} group against the same counter, per instance.</li>
 * <li>{@link #PLATEAU}: {@code plateau collect} processes scraped on their monitor port; connection-buffer
 *     capacity (the seed's leak) against records accepted, per instance.</li>
 * <li>{@link #PLATEAU_RSS}: the same collectors, judged on their resident set size.</li>
 * </ul>
 */
public enum Preset {
    FLUENT_BIT_K8S("fluent-bit-k8s", "Fluent Bit on Kubernetes",
            "max by (namespace, pod) (container_memory_working_set_bytes{container=\"fluent-bit\"})",
            "sum by (namespace, pod) (fluentbit_input_records_total)", List.of("namespace", "pod")),
    FLUENT_BIT_HOSTS("fluent-bit-hosts", "Fluent Bit on hosts",
            "sum by (instance) (namedprocess_namegroup_memory_bytes{groupname=\"fluent-bit\", memtype=\"resident\"})",
            "sum by (instance) (fluentbit_input_records_total)", List.of("instance")),
    PLATEAU("plateau", "Plateau collectors: connection buffers",
            "plateau_connection_buffer_bytes", "plateau_records_in_total", List.of("instance")),
    PLATEAU_RSS("plateau-rss", "Plateau collectors: RSS",
            "process_resident_memory_bytes", "plateau_records_in_total", List.of("instance"));

    private final String id;
    private final String title;
    private final String memory;
    private final String work;
    private final List<String> by;

    Preset(String id, String title, String memory, String work, List<String> by) {
        this.id = id;
        this.title = title;
        this.memory = memory;
        this.work = work;
        this.by = by;
    }

    /** The name used on the command line ({@code fluent-bit-k8s}). */
    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String memory() {
        return memory;
    }

    public String work() {
        return work;
    }

    public List<String> by() {
        return by;
    }

    /** The preset named {@code id}; the message lists the known names. */
    public static Preset of(String id) {
        for (Preset p : values()) {
            if (p.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown preset '" + id + "'; known: " + names());
    }

    public static String names() {
        StringBuilder s = new StringBuilder();
        for (Preset p : values()) {
            s.append(s.length() == 0 ? "" : ", ").append(p.id);
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return title;
    }
}
