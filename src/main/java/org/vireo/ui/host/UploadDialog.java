package org.vireo.ui.host;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Window;
import org.vireo.model.Sizes;
import org.vireo.model.VolumeSpec;

/** Uploads a file from this computer into the selected pool as a new volume (name editable). */
final class UploadDialog extends FormDialog {
    private final StorageViewModel model;
    private final Path file;
    private final long size;
    private final TextField name = new TextField();

    UploadDialog(Window owner, StorageViewModel model, String pool, Path file, long size) {
        super(owner, "uploadDialog", "Upload to " + pool, "Upload");
        this.model = model;
        this.file = file;
        this.size = size;
        name.setId("uploadNameField");
        name.setText(file.getFileName().toString());
        name.setPrefColumnCount(28);
        row("File", new Label(file + " (" + Sizes.format(size) + ")"));
        row("Volume name", name);
        finish();
    }

    @Override
    protected List<String> problems() {
        return model.problems(new VolumeSpec(name.getText(), Math.max(1, size), "raw", "", ""));
    }

    @Override
    protected void accept() {
        model.upload(file, name.getText().strip());
    }
}
