package org.vireo.support;

import java.util.List;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.vireo.host.HostOptions;
import org.vireo.ui.MainViewModel;
import org.vireo.ui.VireoApp;

/** The main window on the demo host (test driver) in a real 1280x800 window, for TestFX tests. */
public record DemoWindow(MainViewModel model, Scene scene, String demoUri) {

    /** Shows the window on {@code stage} and opens the demo host; call from a {@code @Start} method. */
    public static DemoWindow show(Stage stage) {
        String uri = DemoHostFile.uri();
        MainViewModel model = new MainViewModel(HostOptions.defaults(), c -> { });
        Scene scene = VireoApp.createScene(model, 1280, 800);
        stage.setScene(scene);
        stage.show();
        model.openAll(List.of(uri));
        return new DemoWindow(model, scene, uri);
    }

    /** Closes dialogs a failed test may have left open (they would block the next test) and stops the hosts. */
    public void close() {
        Fx.run(() -> List.copyOf(Window.getWindows()).stream()
            .filter(w -> w instanceof Stage st && st.getOwner() != null).forEach(Window::hide));
        Fx.run(model::stopAll);
    }
}
