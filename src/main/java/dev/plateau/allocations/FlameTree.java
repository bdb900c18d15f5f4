package dev.plateau.allocations;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stacks merged into a tree for an icicle graph: the root is every byte, each child a function called from its
 * parent (outermost frames at the top), its width the bytes allocated below it. Immutable once built.
 *
 * <pre>{@code
 * FlameTree.Node root = FlameTree.of(run.report().held());
 * root.children().get(0).name();     // the outermost function holding the most
 * }</pre>
 */
public final class FlameTree {
    /** @param name function; @param bytes allocated below it; @param children biggest first */
    public record Node(String name, long bytes, List<Node> children) {
        public Node {
            children = List.copyOf(children);
        }

        /** Levels below and including this node. */
        public int depth() {
            return 1 + children.stream().mapToInt(Node::depth).max().orElse(0);
        }
    }

    private FlameTree() {
    }

    /** The tree of {@code stacks} (innermost frame first, as heaptrack prints them), rooted at "all". */
    public static Node of(List<Backtrace> stacks) {
        Mutable root = new Mutable("all");
        for (Backtrace b : stacks) {
            if (b.bytes() <= 0) {
                continue;
            }
            Mutable at = root;
            root.bytes += b.bytes();
            List<Frame> frames = b.frames();
            for (int i = frames.size() - 1; i >= 0; i--) {
                at = at.children.computeIfAbsent(frames.get(i).function(), Mutable::new);
                at.bytes += b.bytes();
            }
        }
        return root.freeze();
    }

    private static final class Mutable {
        final String name;
        final Map<String, Mutable> children = new LinkedHashMap<>();
        long bytes;

        Mutable(String name) {
            this.name = name;
        }

        Node freeze() {
            List<Node> kids = new ArrayList<>();
            children.values().forEach(c -> kids.add(c.freeze()));
            kids.sort(Comparator.comparingLong(Node::bytes).reversed());
            return new Node(name, bytes, kids);
        }
    }
}
