package io.onionpanel.ui;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;

/**
 * Pictures of a test's window for the docs and for looking at a layout, only when asked for with
 * {@code -Donionpanel.remoteShots=DIR}: the scene as drawn, in the light and the dark theme.
 */
final class SceneShots {
    private SceneShots() {
    }

    static void shoot(FxRobot robot, Scene scene, String name) throws Exception {
        String dir = System.getProperty("onionpanel.remoteShots");
        if (dir == null) {
            return;
        }
        write(robot, scene, Path.of(dir).resolve(name + ".png"));
        robot.interact(() -> scene.getStylesheets().add(css("dark.css")));
        Thread.sleep(500);
        write(robot, scene, Path.of(dir).resolve(name + "-dark.png"));
        robot.interact(() -> scene.getStylesheets().remove(css("dark.css")));
    }

    private static void write(FxRobot robot, Scene scene, Path file) throws Exception {
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = scene.snapshot(null));
        int w = (int) shot[0].getWidth();
        int h = (int) shot[0].getHeight();
        int[] pixels = new int[w * h];
        shot[0].getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), pixels, 0, w);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, w, h, pixels, 0, w);
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    static String css(String name) {
        return OnionPanelApp.class.getResource("/io/onionpanel/ui/" + name).toExternalForm();
    }
}
