package org.vireo.ui.host;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Picks files on this computer; the desktop's file chooser, replaced in tests. */
public interface FilePicker {
    Optional<Path> open(Window owner, String title);

    Optional<Path> save(Window owner, String title, String suggestedName);

    FilePicker CHOOSER = new FilePicker() {
        @Override
        public Optional<Path> open(Window owner, String title) {
            FileChooser c = new FileChooser();
            c.setTitle(title);
            File f = c.showOpenDialog(owner);
            return Optional.ofNullable(f).map(File::toPath);
        }

        @Override
        public Optional<Path> save(Window owner, String title, String suggestedName) {
            FileChooser c = new FileChooser();
            c.setTitle(title);
            c.setInitialFileName(suggestedName);
            File f = c.showSaveDialog(owner);
            return Optional.ofNullable(f).map(File::toPath);
        }
    };
}
