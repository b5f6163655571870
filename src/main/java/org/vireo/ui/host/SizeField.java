package org.vireo.ui.host;

import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import org.vireo.model.Sizes;

/** A size as a number and a unit (MiB, GiB, TiB). */
final class SizeField extends HBox {
    private final TextField number = new TextField();
    private final ComboBox<String> unit = new ComboBox<>();

    SizeField(String id, String initial, String initialUnit) {
        super(6);
        number.setId(id);
        number.setPrefColumnCount(8);
        number.setText(initial);
        unit.setId(id + "Unit");
        unit.getItems().setAll(Sizes.UNITS);
        unit.setValue(initialUnit);
        getChildren().addAll(number, unit);
    }

    /** Bytes, or -1 when it is not a size above 0. */
    long bytes() {
        return Sizes.parse(number.getText(), unit.getValue());
    }

    boolean isBlank() {
        return number.getText().isBlank();
    }

    void set(long bytes) {
        long gib = 1L << 30;
        if (bytes % gib == 0) {
            number.setText(Long.toString(bytes / gib));
            unit.setValue("GiB");
        } else {
            number.setText(Long.toString((bytes + (1L << 20) - 1) >> 20));
            unit.setValue("MiB");
        }
    }
}
