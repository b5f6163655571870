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
        return write(Fx.get(() -> scene.snapshot(null)), name);
    }

    /**
     * Saves what the display shows of the scene's window (consoles drawn straight to X are
     * not in the scene graph, so a snapshot of the scene would show them black).
     */
    public static Path saveFromScreen(Scene scene, String name) {
        return write(Fx.get(() -> {
            var w = scene.getWindow();
            return new javafx.scene.robot.Robot().getScreenCapture(null,
                w.getX() + scene.getX(), w.getY() + scene.getY(), scene.getWidth(), scene.getHeight(), false);
        }), name);
    }

    /** As {@link #save}, and a copy into docs/ for the README. */
    public static Path saveDoc(Scene scene, String name) {
        return copyToDocs(save(scene, name), name);
    }

    /** As {@link #saveFromScreen}, and a copy into docs/ for the README. */
    public static Path saveDocFromScreen(Scene scene, String name) {
        return copyToDocs(saveFromScreen(scene, name), name);
    }

    private static Path write(WritableImage image, String name) {
        Path file = Path.of("target", "screenshots", name + ".png");
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        } catch (IOException e) {
            throw new AssertionError("cannot write " + file, e);
        }
        return file;
    }

    private static Path copyToDocs(Path file, String name) {
        try {
            Files.copy(file, Path.of("docs", name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new AssertionError("cannot copy " + file + " to docs/", e);
        }
        return file;
    }
}
