package dev.plateau.ui.allocations;

import dev.plateau.allocations.FlameTree;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * An icicle graph of held memory on one {@link Canvas}: the root ("all") at the top, each function a rectangle as
 * wide as the bytes allocated below it, its callees under it. Frames of the selected site's function are drawn in
 * red, the rest in warm colours by name. Redraws when resized or given a new tree.
 */
public final class FlameGraph extends Region {
    static final double ROW = 17;
    private static final double MIN_WIDTH = 1.5;
    private final Canvas canvas = new Canvas();
    private FlameTree.Node root;
    private String highlight = "";

    public FlameGraph() {
        getChildren().add(canvas);
        getStyleClass().add("flame-graph");
        setMinHeight(ROW * 4);
        setPrefHeight(ROW * 14);
    }

    public void show(FlameTree.Node tree) {
        this.root = tree;
        draw();
    }

    public void highlight(String function) {
        this.highlight = function == null ? "" : function;
        draw();
    }

    /** Rectangles drawn in the last paint (for tests: an empty tree draws none). */
    int drawn;

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        drawn = 0;
        if (root == null || root.bytes() <= 0 || canvas.getWidth() <= 0) {
            g.setFill(Color.GRAY);
            g.fillText("no held memory", 8, 16);
            return;
        }
        g.setFont(Font.font(11));
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        node(g, root, 0, canvas.getWidth(), 0);
    }

    private void node(GraphicsContext g, FlameTree.Node n, double x, double w, int depth) {
        double y = depth * ROW;
        if (w < MIN_WIDTH || y + ROW > canvas.getHeight()) {
            return;
        }
        drawn++;
        g.setFill(n.name().equals(highlight) ? Color.rgb(214, 39, 40) : colour(n.name()));
        g.fillRect(x, y, w - 0.5, ROW - 1);
        if (w > 30) {
            g.setFill(Color.rgb(30, 30, 30));
            String label = n.name() + "  " + AllocationsViewModel.mb(n.bytes());
            int fit = (int) ((w - 6) / 6.2);
            g.fillText(label.length() > fit ? label.substring(0, Math.max(0, fit - 1)) + "…" : label, x + 3, y + ROW / 2);
        }
        double cx = x;
        for (FlameTree.Node c : n.children()) {
            double cw = w * c.bytes() / (double) n.bytes();
            node(g, c, cx, cw, depth + 1);
            cx += cw;
        }
    }

    private static Color colour(String name) {
        int h = name.hashCode();
        return Color.rgb(225 + Math.floorMod(h, 30), 120 + Math.floorMod(h >> 5, 90), 40 + Math.floorMod(h >> 11, 50));
    }
}
