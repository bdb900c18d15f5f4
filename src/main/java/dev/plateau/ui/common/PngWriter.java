package dev.plateau.ui.common;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.transform.Transform;
import javax.imageio.ImageIO;

/**
 * "Save PNG…" without javafx-swing: snapshot a node on the FX thread, copy its ARGB pixels into a
 * {@link BufferedImage} (fast, one bulk read), and let {@link ImageIO} write it — the writing may run on any thread.
 *
 * <pre>{@code
 * BufferedImage img = PngWriter.capture(liveView.chartsNode());   // FX thread
 * PngWriter.write(img, Path.of("charts.png"));                    // any thread
 * }</pre>
 */
public final class PngWriter {
    private PngWriter() {
    }

    /** Renders the node (white background) into an AWT image. Call on the FX thread. */
    public static BufferedImage capture(Node node) {
        return capture(node, 0, 0);
    }

    /**
     * Renders the node scaled up (never down) so the image is at least {@code minWidth} wide or
     * {@code minHeight} high, whichever needs the larger scale. Call on the FX thread.
     */
    public static BufferedImage capture(Node node, double minWidth, double minHeight) {
        SnapshotParameters params = new SnapshotParameters();
        params.setFill(Color.WHITE);
        Bounds b = node.getLayoutBounds();
        double scale = Math.max(1, Math.max(minWidth / Math.max(1, b.getWidth()), minHeight / Math.max(1, b.getHeight())));
        params.setTransform(Transform.scale(scale, scale));
        WritableImage fx = node.snapshot(params, null);
        int w = (int) fx.getWidth();
        int h = (int) fx.getHeight();
        int[] argb = new int[w * h];
        fx.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, w, h, argb, 0, w);
        return img;
    }

    public static void write(BufferedImage image, Path file) throws IOException {
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }
}
