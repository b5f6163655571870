package org.vireo.ui.host;

import java.util.List;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TextField;
import javafx.stage.Window;
import org.vireo.model.PoolSpec;

/** A new directory pool: name, directory on the host (made when missing), autostart. */
final class NewPoolDialog extends FormDialog {
    private final StorageViewModel model;
    private final TextField name = new TextField();
    private final TextField path = new TextField();
    private final CheckBox autostart = new CheckBox("Start with the host");
    private boolean pathEdited;

    NewPoolDialog(Window owner, StorageViewModel model) {
        super(owner, "newPoolDialog", "New directory pool", "Create");
        this.model = model;
        name.setId("poolNameField");
        name.setPromptText("images2");
        path.setId("poolPathField");
        path.setPrefColumnCount(30);
        autostart.setId("poolAutostartField");
        autostart.setSelected(true);
        path.setText(model.suggestedPoolPath(""));
        // the directory follows the name until the user writes one
        name.textProperty().addListener((o, a, b) -> {
            if (!pathEdited) {
                path.setText(model.suggestedPoolPath(b));
            }
        });
        path.setOnKeyTyped(e -> pathEdited = true);
        row("Name", name);
        row("Directory on the host", path);
        row("", autostart);
        finish();
        setOnShown(e -> name.requestFocus());
    }

    private PoolSpec spec() {
        return new PoolSpec(name.getText(), path.getText());
    }

    @Override
    protected List<String> problems() {
        return model.problems(spec());
    }

    @Override
    protected void accept() {
        model.createPool(spec(), autostart.isSelected());
    }
}
