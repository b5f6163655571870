package org.vireo.ui.host;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import javafx.stage.Window;
import org.vireo.model.VolumeInfo;
import org.vireo.model.VolumeSpec;

/** A new volume in the selected pool: name, size with units, qcow2 or raw, optional backing volume. */
final class NewVolumeDialog extends FormDialog {
    private static final String NO_BACKING = "(none)";
    private final StorageViewModel model;
    private final TextField name = new TextField();
    private final SizeField size = new SizeField("volumeSizeField", "10", "GiB");
    private final ComboBox<String> format = new ComboBox<>();
    private final ComboBox<String> backing = new ComboBox<>();
    private final List<VolumeInfo> volumes;

    NewVolumeDialog(Window owner, StorageViewModel model, String pool) {
        super(owner, "newVolumeDialog", "New volume in " + pool, "Create");
        this.model = model;
        this.volumes = model.volumeInfos();
        name.setId("volumeNameField");
        name.setPromptText("disk1.qcow2");
        format.setId("volumeFormatBox");
        format.getItems().setAll("qcow2", "raw");
        format.setValue("qcow2");
        backing.setId("volumeBackingBox");
        backing.getItems().add(NO_BACKING);
        volumes.forEach(v -> backing.getItems().add(v.name()));
        backing.setValue(NO_BACKING);
        // a backing volume needs qcow2 on top; its size is the natural start
        backing.valueProperty().addListener((o, a, b) -> {
            VolumeInfo v = backingVolume();
            if (v != null) {
                format.setValue("qcow2");
                size.set(v.capacity());
            }
        });
        // the name's extension follows the format while it is the usual one
        format.valueProperty().addListener((o, a, b) -> {
            String n = name.getText();
            if (a != null && n.endsWith("." + a)) {
                name.setText(n.substring(0, n.length() - a.length()) + b);
            }
        });
        row("Name", name);
        row("Size", size);
        row("Format", format);
        row("Backing volume", backing);
        finish();
        setOnShown(e -> name.requestFocus());
    }

    private VolumeInfo backingVolume() {
        return volumes.stream().filter(v -> v.name().equals(backing.getValue())).findFirst().orElse(null);
    }

    private VolumeSpec spec() {
        VolumeInfo b = backingVolume();
        return new VolumeSpec(name.getText(), size.bytes(), format.getValue(), b == null ? "" : b.path(), b == null ? "" : b.format());
    }

    @Override
    protected List<String> problems() {
        List<String> out = new ArrayList<>(model.problems(spec()));
        if (size.bytes() < 0) {
            out.removeIf(s -> s.startsWith("Size:"));
            out.add("Size: a number above 0, e.g. 10 (GiB) or 512 (MiB).");
        }
        VolumeInfo b = backingVolume();
        if (b != null && size.bytes() > 0 && size.bytes() < b.capacity()) {
            out.add("Size: at least the backing volume's " + org.vireo.model.Sizes.format(b.capacity()) + ".");
        }
        return out;
    }

    @Override
    protected void accept() {
        model.createVolume(spec());
    }
}
