package dev.plateau.allocations;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Functions that only wrap an allocation ({@code flb_malloc}, {@code cfl_sds_increase}, …): a site is named after
 * the first frame of its stack that is <em>not</em> one of these, so a reader sees the target's own code. Names
 * are globs ({@code *} = any text) matched against the whole function name.
 *
 * <pre>{@code
 * Wrappers w = Wrappers.DEFAULT.plus(List.of("my_alloc_*"));
 * w.matches("cfl_sds_cat");     // true
 * }</pre>
 */
public final class Wrappers {
    /** libc and C++ allocation entry points, and Fluent Bit's, cfl's and monkey's wrappers around them. */
    public static final List<String> DEFAULT_GLOBS = List.of("malloc", "calloc", "realloc", "reallocarray",
            "posix_memalign", "aligned_alloc", "memalign", "valloc", "strdup", "strndup", "operator new*",
            "flb_malloc", "flb_calloc", "flb_realloc", "flb_strdup", "flb_strndup", "flb_sds_*", "cfl_sds_*",
            "mk_mem_*");
    public static final Wrappers DEFAULT = new Wrappers(DEFAULT_GLOBS);

    private final List<String> globs;
    private final Pattern pattern;

    public Wrappers(List<String> globs) {
        for (String g : globs) {
            if (g == null || g.isBlank()) {
                throw new IllegalArgumentException("wrappers: a function name or glob may not be empty");
            }
        }
        this.globs = List.copyOf(globs);
        StringBuilder re = new StringBuilder();
        for (String g : this.globs) {
            if (re.length() > 0) {
                re.append('|');
            }
            re.append(Pattern.quote(g.trim()).replace("*", "\\E.*\\Q"));
        }
        this.pattern = Pattern.compile(re.length() == 0 ? "(?!)" : re.toString());
    }

    /** These wrappers and {@code more}. */
    public Wrappers plus(List<String> more) {
        java.util.List<String> all = new java.util.ArrayList<>(globs);
        all.addAll(more);
        return new Wrappers(all);
    }

    public List<String> globs() {
        return globs;
    }

    public boolean matches(String function) {
        return pattern.matcher(function).matches();
    }
}
