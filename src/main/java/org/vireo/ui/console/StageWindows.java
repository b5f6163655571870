package org.vireo.ui.console;

import java.lang.reflect.Method;
import javafx.stage.Window;

/**
 * The X window a JavaFX stage draws into. JavaFX has no public API for it; its GTK glass
 * window answers getNativeWindow() with the GdkWindow's XID (the packaged app opens
 * javafx.graphics' com.sun.javafx.stage, com.sun.javafx.tk.quantum and com.sun.glass.ui).
 */
public final class StageWindows {
    private StageWindows() {
    }

    /** The XID, or 0 where it cannot be had (another toolkit, a closed stage, no access). */
    public static long xid(Window window) {
        try {
            Object peer = Class.forName("com.sun.javafx.stage.WindowHelper")
                .getMethod("getPeer", Window.class).invoke(null, window);
            if (peer == null) {
                return 0;
            }
            Method platform = peer.getClass().getMethod("getPlatformWindow");
            platform.setAccessible(true);
            Object glass = platform.invoke(peer);
            if (glass == null) {
                return 0;
            }
            Method nativeWindow = Class.forName("com.sun.glass.ui.Window").getMethod("getNativeWindow");
            return (long) nativeWindow.invoke(glass);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return 0;
        }
    }
}
