package org.vireo.ui.host;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.stage.Window;
import org.vireo.model.Sizes;

/** A volume's new size; a smaller one must be confirmed (data past the new end are lost). */
final class ResizeVolumeDialog extends FormDialog {
    private final StorageViewModel model;
    private final VolumeRow volume;
    private final SizeField size = new SizeField("resizeSizeField", "", "GiB");
    private final CheckBox shrink = new CheckBox("Shrink it: whatever lies past the new end is lost");

    ResizeVolumeDialog(Window owner, StorageViewModel model, VolumeRow volume) {
        super(owner, "resizeVolumeDialog", "Resize " + volume.name(), "Resize");
        this.model = model;
        this.volume = volume;
        size.set(volume.volume().capacity());
        shrink.setId("resizeShrinkCheck");
        row("Now", new Label(Sizes.format(volume.volume().capacity())));
        row("New size", size);
        row(shrink);
        if (volume.inUse()) {
            Label note = new Label("Used by " + String.join(", ", volume.usedBy())
                + ": a running guest sees the new size only after its disk is resized too (Hardware tab).");
            note.setWrapText(true);
            note.setMaxWidth(460);
            row(note);
        }
        finish();
    }

    @Override
    protected List<String> problems() {
        List<String> out = new ArrayList<>();
        long b = size.bytes();
        if (b < 0) {
            out.add("New size: a number above 0, e.g. 20 (GiB).");
        } else if (b < volume.volume().capacity() && !shrink.isSelected()) {
            out.add("New size: smaller than now; tick Shrink if that is meant.");
        } else if (b == volume.volume().capacity()) {
            out.add("New size: the same as now.");
        }
        return out;
    }

    @Override
    protected void accept() {
        model.resizeVolume(volume, size.bytes());
    }
}
