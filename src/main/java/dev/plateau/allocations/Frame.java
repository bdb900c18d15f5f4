package dev.plateau.allocations;

import java.util.Objects;

/**
 * One frame of an allocation's call stack as heaptrack resolved it: the function (or a bare address such as
 * {@code 0x7fece44a57b9} when the module has no symbols), its source location and the module it was found in.
 *
 * @param function function name, or {@code 0x…} when unresolved
 * @param file     source file, or {@code ""} when heaptrack gave none
 * @param line     source line, 0 when unknown
 * @param module   the executable or shared library, {@code ""} for an inlined frame (heaptrack prints the module
 *                 only on the outermost frame of an instruction), {@code ??} when unknown
 */
public record Frame(String function, String file, int line, String module) {
    public Frame {
        Objects.requireNonNull(function, "function");
        file = file == null ? "" : file;
        module = module == null ? "" : module;
    }

    /** {@code true} when heaptrack found a name for the function (not a bare address). */
    public boolean named() {
        return !function.startsWith("0x") && !function.equals("??");
    }

    /** {@code file:line}, {@code file}, or {@code ""} when heaptrack knows no source. */
    public String location() {
        if (file.isEmpty()) {
            return "";
        }
        return line > 0 ? file + ":" + line : file;
    }

    /** {@code function (location)}, or the function alone. */
    @Override
    public String toString() {
        String loc = location();
        return loc.isEmpty() ? function : function + " (" + loc + ")";
    }
}
