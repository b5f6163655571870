package org.vireo.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** Saves a scene as target/screenshots/NAME.png, for people to look at. */
public final class Screenshots {
    private Screenshots() {
    }

    public static Path save(Scene scene, String name) {
        WritableImage image = Fx.get(() -> scene.snapshot(null));
        Path file = Path.of("target", "screenshots", name + ".png");
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        } catch (IOException e) {
            throw new AssertionError("cannot write " + file, e);
        }
        return file;
    }

    /**
     * Saves what the display shows of the scene's window (consoles drawn straight to X are
     * not in the scene graph, so a snapshot of the scene would show them black).
     */
    public static Path saveFromScreen(Scene scene, String name) {
        WritableImage image = Fx.get(() -> {
            var w = scene.getWindow();
            return new javafx.scene.robot.Robot().getScreenCapture(null,
                w.getX() + scene.getX(), w.getY() + scene.getY(), scene.getWidth(), scene.getHeight(), false);
        });
        Path file = Path.of("target", "screenshots", name + ".png");
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        } catch (IOException e) {
            throw new AssertionError("cannot write " + file, e);
        }
        return file;
    }

    /** As {@link #saveFromScreen}, and a copy into docs/ for the README. */
    public static Path saveDocFromScreen(Scene scene, String name) {
        Path file = saveFromScreen(scene, name);
        try {
            Files.copy(file, Path.of("docs", name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new AssertionError("cannot copy " + file + " to docs/", e);
        }
        return file;
    }

    /** As {@link #save}, and a copy into docs/ for the README. */
    public static Path saveDoc(Scene scene, String name) {
        Path file = save(scene, name);
        try {
            Files.copy(file, Path.of("docs", name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new AssertionError("cannot copy " + file + " to docs/", e);
        }
        return file;
    }
}
