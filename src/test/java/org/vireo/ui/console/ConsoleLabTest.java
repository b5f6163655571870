package org.vireo.ui.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.vireo.libvirt.VirtConnection;
import org.vireo.support.Fx;
import org.vireo.support.GuestShell;
import org.vireo.support.Lab;
import org.vireo.support.LabWindow;
import org.vireo.support.Ppm;
import org.vireo.support.ScratchGuest;
import org.vireo.support.Screenshots;

/** The Console tab and windows in a real window against the lab's QEMU guests. */
@Tag("lab")
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConsoleLabTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private LabWindow lab;
    private ScratchGuest scratch;

    @Start
    void start(Stage stage) {
        lab = LabWindow.show(stage);
    }

    @AfterEach
    void stop() {
        lab.close();
        if (scratch != null) {
            scratch.close();
        }
    }

    private static void awaitDrawing(ConsolePane pane) {
        Fx.await(WAIT, "graphical console connected and drawn", () ->
            pane.graphics().phaseProperty().get() == GraphicalConsoleViewModel.Phase.CONNECTED && pane.framesDrawn() > 0);
    }

    /** Types text with real key presses (the glass robot's X events), shift where the US layout needs it. */
    private static void typeKeys(FxRobot robot, String text) {
        String shifted = "~!@#$%^&*()_+{}|:\"<>?";
        String plain = "`1234567890-=[]\\;',./";
        for (char ch : text.toCharArray()) {
            KeyCode code;
            boolean shift = false;
            if (Character.isLetter(ch)) {
                code = KeyCode.valueOf(String.valueOf(Character.toUpperCase(ch)));
                shift = Character.isUpperCase(ch);
            } else if (Character.isDigit(ch)) {
                code = KeyCode.valueOf("DIGIT" + ch);
            } else if (ch == ' ') {
                code = KeyCode.SPACE;
            } else if (ch == '\n') {
                code = KeyCode.ENTER;
            } else {
                int i = shifted.indexOf(ch);
                shift = i >= 0;
                char base = shift ? plain.charAt(i) : ch;
                code = switch (base) {
                    case '`' -> KeyCode.BACK_QUOTE;
                    case '-' -> KeyCode.MINUS;
                    case '=' -> KeyCode.EQUALS;
                    case '[' -> KeyCode.OPEN_BRACKET;
                    case ']' -> KeyCode.CLOSE_BRACKET;
                    case '\\' -> KeyCode.BACK_SLASH;
                    case ';' -> KeyCode.SEMICOLON;
                    case '\'' -> KeyCode.QUOTE;
                    case ',' -> KeyCode.COMMA;
                    case '.' -> KeyCode.PERIOD;
                    case '/' -> KeyCode.SLASH;
                    default -> Character.isDigit(base) ? KeyCode.valueOf("DIGIT" + base) : KeyCode.UNDEFINED;
                };
            }
            if (shift) {
                robot.press(KeyCode.SHIFT);
            }
            robot.type(code);
            if (shift) {
                robot.release(KeyCode.SHIFT);
            }
        }
    }

    private static int[] pixels(WritableImage img) {
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        int[] out = new int[w * h];
        img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), out, 0, w);
        return out;
    }

    private static void keepScreenshot(Scene s, String name) {
        // from the display: the guest's screen is drawn straight to X, outside the scene graph
        Path file = Screenshots.saveFromScreen(s, name);
        System.out.println("[screenshot] " + file.toAbsolutePath());
    }

    @Test
    void serialConsoleComputes42InTheTerminal(FxRobot robot) {
        ConsolePane pane = lab.openConsole(robot, Lab.ALPHA);
        robot.clickOn("#consoleSerialButton");
        Fx.await(WAIT, "serial console open", () -> pane.serial().phaseProperty().get() == SerialConsoleViewModel.Phase.CONNECTED);
        Fx.await(WAIT, "terminal shown", () -> robot.lookup("#serialTerminal").tryQuery().isPresent());
        robot.clickOn("#serialTerminal");
        // the shell's answer is a line of its own; our typed line holds "6*7", never a bare 42
        askUntil42(robot, pane);
        keepScreenshot(lab.scene(), "serial-console");
    }

    @Test
    void aRestartedGuestsSerialConsoleComesBackByItself(FxRobot robot) {
        ConsolePane pane = lab.openConsole(robot, Lab.BETA);
        robot.clickOn("#consoleSerialButton");
        Fx.await(WAIT, "serial console open", () -> pane.serial().phaseProperty().get() == SerialConsoleViewModel.Phase.CONNECTED);
        var first = Fx.get(() -> pane.serial().consoleProperty().get());
        int boots = Lab.bootCount(Lab.BETA);
        // a cold restart ends QEMU and the console's pty
        Lab.virsh("destroy", Lab.BETA);
        Lab.virsh("start", Lab.BETA);
        long t = Fx.timeUntil(Duration.ofSeconds(60), "serial console back after the restart", () ->
            pane.serial().phaseProperty().get() == SerialConsoleViewModel.Phase.CONNECTED
                && pane.serial().consoleProperty().get() != null && pane.serial().consoleProperty().get() != first);
        System.out.println("[figure] guest restarted -> serial console back by itself: " + t + " ms");
        try {
            Fx.await(WAIT, "terminal shown", () -> robot.lookup("#serialTerminal").tryQuery().isPresent());
            awaitBooted(Lab.BETA, boots);
            robot.clickOn("#serialTerminal");
            askUntil42(robot, pane);
        } finally {
            // let go of the guest's console now: the next test in this JVM may want it
            Fx.run(() -> pane.serial().stop());
        }
    }

    /**
     * Types {@code echo $((6*7))} into the serial terminal until the guest's 42 shows: under
     * load the guest's busybox shell has been seen to stall for seconds and drop a line.
     */
    private static void askUntil42(FxRobot robot, ConsolePane pane) {
        for (int attempt = 1; ; attempt++) {
            typeKeys(robot, "\necho $((6*7))\n");
            try {
                Fx.await(Duration.ofSeconds(12), "42 on a line of its own",
                    () -> pane.terminalText().lines().anyMatch(l -> l.strip().equals("42")));
                return;
            } catch (AssertionError e) {
                if (attempt == 3) {
                    throw e;
                }
                System.out.println("[retry] no 42 yet from the guest's shell, typing again");
            }
        }
    }

    /** Waits for a GUEST READY beyond the {@code before} seen so far. */
    private static void awaitBooted(String guest, int before) {
        long end = System.nanoTime() + WAIT.toNanos();
        while (Lab.bootCount(guest) <= before && System.nanoTime() < end) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Test
    void keysTypedIntoTheGraphicalConsoleRunACommand(FxRobot robot) {
        ConsolePane pane = lab.openConsole(robot, Lab.ALPHA);
        awaitDrawing(pane);
        assertTrue(pane.graphics().hasExtendedKeys(), "QEMU's extended key event is in use");
        robot.clickOn("#vncView");
        Fx.await(WAIT, "keyboard grabbed", () -> robot.lookup("#consoleGrabHint").queryLabeled().getText().contains("Ctrl+Alt releases"));
        String marker = "vireo" + (System.nanoTime() % 100000);
        // the guest computes the number: the command's own echo cannot satisfy the check
        typeKeys(robot, "\necho " + marker + "-$((6*7)) >/dev/ttyS0\n");
        Fx.await(WAIT, "the command's output on the guest's serial port", () -> Lab.readSerialLog(Lab.ALPHA).contains(marker + "-42"));
    }

    @Test
    void aGuestWithoutATabletGetsAGrabbedRelativePointer(FxRobot robot) {
        ConsolePane pane = lab.openConsole(robot, Lab.ALPHA);
        awaitDrawing(pane);
        // lab-alpha has a PS/2 mouse and no USB tablet: QEMU says the pointer is relative
        Fx.await(WAIT, "relative pointer", () -> !pane.graphics().absolutePointerProperty().get());
        javafx.scene.Node screen = robot.lookup("#vncView").query();
        long before = pane.graphics().pointersSent();
        robot.moveTo(screen);
        robot.moveBy(40, 20);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before, pane.graphics().pointersSent(), "no pointer event before the grab");

        robot.clickOn(screen);
        Fx.await(WAIT, "pointer grabbed", () -> pane.pointerGrabbedProperty().get());
        assertEquals(javafx.scene.Cursor.NONE, Fx.get(screen::getCursor), "the host pointer is hidden");
        Fx.await(WAIT, "hint", () -> robot.lookup("#consoleGrabHint").queryLabeled().getText()
            .equals("Pointer grabbed: Ctrl+Alt releases it"));
        keepScreenshot(lab.scene(), "console-pointer-grab");
        javafx.geometry.Point2D centre = pane.pointerCentre();
        javafx.geometry.Bounds onScreen = Fx.get(() -> screen.localToScreen(screen.getLayoutBounds()));
        assertTrue(Math.abs(centre.getX() - onScreen.getCenterX()) <= 1 && Math.abs(centre.getY() - onScreen.getCenterY()) <= 1,
            "held at the screen's centre: " + centre + " in " + onScreen);
        assertEquals(before, pane.graphics().pointersSent(), "the grabbing click does not reach the guest");

        // a move of (+25, -10) goes out as that delta and the pointer is put back at the centre
        Fx.run(() -> new javafx.scene.robot.Robot().mouseMove(centre.getX() + 25, centre.getY() - 10));
        Fx.await(WAIT, "the delta sent", () -> java.util.Arrays.equals(pane.graphics().lastPointer(),
            new int[] {0, 0x7FFF + 25, 0x7FFF - 10}));
        Fx.await(WAIT, "pointer warped back", () -> Fx.get(() -> new javafx.scene.robot.Robot().getMousePosition()).equals(centre));
        // a button press while grabbed goes out with no move
        robot.press(javafx.scene.input.MouseButton.PRIMARY);
        Fx.await(WAIT, "button sent", () -> java.util.Arrays.equals(pane.graphics().lastPointer(), new int[] {1, 0x7FFF, 0x7FFF}));
        robot.release(javafx.scene.input.MouseButton.PRIMARY);
        Fx.await(WAIT, "button released", () -> java.util.Arrays.equals(pane.graphics().lastPointer(), new int[] {0, 0x7FFF, 0x7FFF}));

        robot.press(KeyCode.CONTROL, KeyCode.ALT).release(KeyCode.ALT, KeyCode.CONTROL);
        Fx.await(WAIT, "released by Ctrl+Alt", () -> !pane.pointerGrabbedProperty().get());
        assertTrue(Fx.get(screen::getCursor) != javafx.scene.Cursor.NONE, "the host pointer is back");
        long after = pane.graphics().pointersSent();
        Fx.run(() -> new javafx.scene.robot.Robot().mouseMove(centre.getX() + 30, centre.getY() + 30));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        Fx.await(WAIT, "the pointer moved", () -> Fx.get(() -> new javafx.scene.robot.Robot().getMousePosition()).getX() == centre.getX() + 30);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertEquals(after, pane.graphics().pointersSent(), "moves after the release stay with the host");
    }

    @Test
    void sendKeysSwitchTheGuestsVirtualTerminal(FxRobot robot) throws Exception {
        ConsolePane pane = lab.openConsole(robot, Lab.ALPHA);
        awaitDrawing(pane);
        Fx.await(WAIT, "extended keys", () -> pane.graphics().hasExtendedKeys());
        String uuid = Lab.virsh("domuuid", Lab.ALPHA);
        try (VirtConnection conn = VirtConnection.open(Lab.uri()); GuestShell shell = GuestShell.open(conn, uuid)) {
            // the kernel switches only to a terminal that exists: opening tty2 makes it
            shell.run(": </dev/tty2", 10_000);
            awaitActiveTerminal(shell, "tty1");
            // the console's Send key menu: QEMU extended key events on the VNC link
            robot.clickOn("#sendKeyMenu");
            robot.clickOn("#sendKey-Ctrl-Alt-F2");
            awaitActiveTerminal(shell, "tty2");
            // Actions > Send: virDomainSendKey (send_key)
            lab.tab("actionsTab");
            Fx.await(WAIT, "Actions shown", () -> robot.lookup("#keyComboChoice").tryQuery().isPresent());
            Fx.run(() -> robot.lookup("#keyComboChoice").queryAs(javafx.scene.control.ChoiceBox.class).setValue("Ctrl+Alt+F1"));
            Fx.run(() -> robot.lookup("#sendKeysButton").queryAs(javafx.scene.control.Button.class).fire());
            awaitActiveTerminal(shell, "tty1");
        }
    }

    @Test
    void actionsScreenshotHoldsTheGuestsScreen(FxRobot robot) throws Exception {
        ConsolePane pane = lab.openConsole(robot, Lab.ALPHA);
        awaitDrawing(pane);
        lab.tab("actionsTab");
        Fx.await(WAIT, "Actions shown", () -> robot.lookup("#screenshotFileField").tryQuery().isPresent());
        Path png = Files.createTempFile("vireo-actions-shot", ".png");
        Path ppm = Files.createTempFile("vireo-virsh-shot", ".ppm");
        int diff = Integer.MAX_VALUE;
        try {
            // the text cursor blinks: one character cell may differ; a line may scroll in between, so try again
            for (int attempt = 0; attempt < 5 && diff > 9 * 16; attempt++) {
                Files.deleteIfExists(png);
                Fx.run(() -> robot.lookup("#screenshotFileField").queryAs(javafx.scene.control.TextField.class).setText(png.toString()));
                Fx.run(() -> robot.lookup("#screenshotButton").queryAs(javafx.scene.control.Button.class).fire());
                Fx.await(WAIT, "screenshot written", () -> Files.exists(png) && fileSize(png) > 0);
                Fx.await(WAIT, "a whole PNG", () -> readPng(png) != null);
                Lab.virsh("screenshot", Lab.ALPHA, ppm.toString());
                java.awt.image.BufferedImage img = readPng(png);
                assertEquals(720, img.getWidth());
                assertEquals(400, img.getHeight());
                diff = Ppm.read(ppm).differingPixels(img.getRGB(0, 0, 720, 400, null, 0, 720), 8);
            }
        } finally {
            Files.deleteIfExists(png);
            Files.deleteIfExists(ppm);
        }
        assertTrue(diff <= 9 * 16, "pixels of Vireo's screenshot file that differ from virsh's: " + diff);
    }

    private static long fileSize(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static java.awt.image.BufferedImage readPng(Path p) {
        try {
            return javax.imageio.ImageIO.read(p.toFile());
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** The guest's foreground virtual terminal, read on its serial shell. */
    private static void awaitActiveTerminal(GuestShell shell, String tty) {
        Fx.await(WAIT, "the guest shows " + tty, () -> {
            try {
                return shell.run("cat /sys/class/tty/tty0/active", 10_000).lines().anyMatch(l -> l.strip().equals(tty));
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void shownFramebufferMatchesLibvirtsScreenshot(FxRobot robot) throws Exception {
        ConsolePane pane = lab.openConsole(robot, Lab.ALPHA);
        awaitDrawing(pane);
        // under an X display the screen is drawn straight to X, and read back from the display here
        Fx.await(WAIT, "drawn straight to X", pane::drawsDirect);
        assertShownMatchesLibvirt(robot, pane);
    }

    @Test
    void aNotificationOverTheConsoleStaysVisible(FxRobot robot) {
        ConsolePane pane = lab.openConsole(robot, Lab.ALPHA);
        awaitDrawing(pane);
        Fx.await(WAIT, "drawn straight to X", pane::drawsDirect);
        Fx.run(() -> lab.model().notify(new org.vireo.ui.Notice("console-test", "A notice over the console",
            "The guest's screen is drawn by X in a window of its own; this card must stay on top of it.", "", List.of())));
        Fx.await(WAIT, "the notice laid out over the console", () -> robot.lookup(".vireo-notice").tryQuery()
            .map(n -> n.getLayoutBounds().getWidth() > 50
                && n.localToScene(n.getLayoutBounds()).intersects(pane.screenNode().localToScene(pane.screenBounds())))
            .orElse(false));
        // what the display shows where the card is equals the card as JavaFX draws it (inside its rounded edge)
        Fx.await(WAIT, "the card on screen, not the guest's pixels", () -> {
            javafx.scene.Node card = robot.lookup(".vireo-notice").query();
            // the snapshot covers the card's bounds with its shadow: the same area is read from the display
            var b = card.localToScreen(card.getBoundsInLocal());
            WritableImage own = card.snapshot(null, null);
            WritableImage shown = new javafx.scene.robot.Robot().getScreenCapture(null, b.getMinX(), b.getMinY(), b.getWidth(), b.getHeight(), false);
            // compared inside the card itself (its shadow shows the scene's fill in the snapshot)
            var inner = card.getLayoutBounds();
            int dx = (int) Math.round(inner.getMinX() - card.getBoundsInLocal().getMinX());
            int dy = (int) Math.round(inner.getMinY() - card.getBoundsInLocal().getMinY());
            int w = (int) Math.min(Math.min(own.getWidth(), shown.getWidth()), dx + inner.getWidth());
            int h = (int) Math.min(Math.min(own.getHeight(), shown.getHeight()), dy + inner.getHeight());
            int differ = 0;
            int total = 0;
            for (int y = dy + 6; y < h - 6; y += 2) {
                for (int x = dx + 6; x < w - 6; x += 2) {
                    int a = own.getPixelReader().getArgb(x, y);
                    int c = shown.getPixelReader().getArgb(x, y);
                    total++;
                    if (Math.abs(((a >> 16) & 255) - ((c >> 16) & 255)) + Math.abs(((a >> 8) & 255) - ((c >> 8) & 255))
                        + Math.abs((a & 255) - (c & 255)) > 48) {
                        differ++;
                    }
                }
            }
            return total > 100 && differ < total / 20;
        });
        keepScreenshot(lab.scene(), "console-notice");
    }

    @Test
    void withoutASharedImageJavaFxDrawsInstead(FxRobot robot) {
        // a remote X server (ssh -X) or a box without SysV shared memory: MIT-SHM is offered but unusable
        System.setProperty("vireo.console.failSharedImage", "true");
        try {
            ConsolePane pane = lab.openConsole(robot, Lab.ALPHA);
            Fx.await(WAIT, "drawn by JavaFX after the shared image failed", () ->
                pane.graphics().phaseProperty().get() == GraphicalConsoleViewModel.Phase.CONNECTED
                    && !pane.drawsDirect() && pane.shownImage() != null && pane.framesDrawn() > 0);
        } finally {
            System.clearProperty("vireo.console.failSharedImage");
        }
    }

    @Test
    void javaFxDrawingMatchesLibvirtsScreenshotToo(FxRobot robot) throws Exception {
        // where X cannot be drawn to (or -Dvireo.console.direct=false), JavaFX draws the image
        System.setProperty("vireo.console.direct", "false");
        try {
            ConsolePane pane = lab.openConsole(robot, Lab.ALPHA);
            awaitDrawing(pane);
            assertFalse(Fx.get(pane::drawsDirect));
            assertShownMatchesLibvirt(robot, pane);
        } finally {
            System.clearProperty("vireo.console.direct");
        }
    }

    private void assertShownMatchesLibvirt(FxRobot robot, ConsolePane pane) throws Exception {
        // 1:1: the image holds the guest's pixels (in Fit it is the scaled copy)
        robot.clickOn("#consoleOneToOneButton");
        Fx.await(WAIT, "1:1", () -> pane.shownImage() != null && pane.shownImage().getWidth() == 720);
        Path shot = Files.createTempFile("vireo-shot", ".png");
        int diff = Integer.MAX_VALUE;
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            Lab.virsh("screenshot", Lab.ALPHA, shot.toString());
            Ppm expected = Ppm.read(shot);
            int[] shown = Fx.get(() -> pixels(pane.shownImage()));
            if (shown.length == expected.argb().length) {
                diff = expected.differingPixels(shown, 8);
                // the text cursor blinks: one character cell may differ
                if (diff <= 9 * 16) {
                    break;
                }
            }
            Thread.sleep(100);
        }
        Files.deleteIfExists(shot);
        assertTrue(diff <= 9 * 16, "pixels of the shown image that differ from libvirt's screenshot: " + diff);
    }

    @Test
    void fitAndOneToOneDrawAtTheirSizes(FxRobot robot) {
        ConsolePane pane = lab.openConsole(robot, Lab.ALPHA);
        awaitDrawing(pane);
        Fx.await(WAIT, "fit fills the pane's width or height", () -> {
            var shown = pane.screenBounds();
            var area = pane.screenNode().getLayoutBounds();
            double w = shown.getWidth();
            double h = shown.getHeight();
            return w > 720 && (Math.abs(w - area.getWidth()) < 2 || Math.abs(h - area.getHeight()) < 2)
                && Math.abs(w / h - 720.0 / 400) < 0.02;
        });
        keepScreenshot(lab.scene(), "console");
        robot.clickOn("#consoleOneToOneButton");
        Fx.await(WAIT, "1:1 draws 720x400", () -> {
            var b = pane.screenBounds();
            return Math.abs(b.getWidth() - 720) < 0.5 && Math.abs(b.getHeight() - 400) < 0.5;
        });
        keepScreenshot(lab.scene(), "console-1to1");
        robot.clickOn("#consoleFitButton");
        Fx.await(WAIT, "fit again", () -> pane.screenBounds().getWidth() > 720);
    }

    @Test
    void fitShowsTheWholeScreenScaledByTheXServer(FxRobot robot) throws Exception {
        assertFitShowsTheWholeScreen(robot, true);
    }

    @Test
    void fitShowsTheWholeScreenScaledByTheConsolesThread(FxRobot robot) throws Exception {
        // without XRender the console's thread scales into the shared image
        System.setProperty("vireo.console.xrender", "false");
        try {
            assertFitShowsTheWholeScreen(robot, false);
        } finally {
            System.clearProperty("vireo.console.xrender");
        }
    }

    /**
     * Fit on screen: where the guest's text lies, as a fraction of its screen, is where it lies
     * in the pixels read back from the display (nothing cropped, squeezed or left unscaled).
     */
    private void assertFitShowsTheWholeScreen(FxRobot robot, boolean serverScales) throws Exception {
        ConsolePane pane = lab.openConsole(robot, Lab.ALPHA);
        awaitDrawing(pane);
        Fx.await(WAIT, "drawn straight to X", pane::drawsDirect);
        assertEquals(serverScales, Fx.get(pane::serverScales));
        Fx.await(WAIT, "fit larger than the guest", () -> pane.screenBounds().getWidth() > 760);
        Lab.virsh("send-key", Lab.ALPHA, "KEY_L", "KEY_S", "KEY_ENTER");
        Path shot = Files.createTempFile("vireo-shot", ".png");
        String last = "";
        long deadline = System.currentTimeMillis() + 20_000;
        boolean same = false;
        while (!same && System.currentTimeMillis() < deadline) {
            Lab.virsh("screenshot", Lab.ALPHA, shot.toString());
            Ppm expected = Ppm.read(shot);
            double[] want = litBox(expected.argb(), expected.width(), expected.height());
            WritableImage img = Fx.get(pane::shownImage);
            double[] got = litBox(pixels(img), (int) img.getWidth(), (int) img.getHeight());
            last = java.util.Arrays.toString(want) + " vs " + java.util.Arrays.toString(got);
            same = true;
            for (int i = 0; i < 4; i++) {
                same &= Math.abs(want[i] - got[i]) < 0.015;
            }
            if (!same) {
                Thread.sleep(100);
            }
        }
        Files.deleteIfExists(shot);
        assertTrue(same, "the lit part of the guest's screen (left, top, right, bottom as fractions), libvirt vs shown: " + last);
    }

    /** The box around the bright pixels, as fractions of the width and height. */
    private static double[] litBox(int[] argb, int w, int h) {
        int x0 = w;
        int y0 = h;
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = argb[y * w + x];
                if (((p >> 16) & 255) + ((p >> 8) & 255) + (p & 255) > 384) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                }
            }
        }
        return new double[] {(double) x0 / w, (double) y0 / h, (double) (x1 + 1) / w, (double) (y1 + 1) / h};
    }

    @Test
    void resizeGuestAsksTheGuestsDisplayAndDrawsOneToOne(FxRobot robot) {
        ConsolePane pane = lab.openConsole(robot, Lab.ALPHA);
        awaitDrawing(pane);
        // QEMU offers ExtendedDesktopSize; the lab's std VGA cannot resize, and QEMU answers so (status 3)
        Fx.await(WAIT, "Resize guest offered", () -> !robot.lookup("#consoleResizeGuestButton").query().isDisabled());
        robot.clickOn("#consoleResizeGuestButton");
        Fx.await(WAIT, "the guest's answer shown", () -> robot.lookup("#consoleStatus").queryLabeled().getText()
            .contains("The guest's display cannot change its size"));
        Fx.await(WAIT, "drawn 1:1 at the guest's size", () -> {
            var b = pane.screenBounds();
            return Math.abs(b.getWidth() - 720) < 0.5 && Math.abs(b.getHeight() - 400) < 0.5;
        });
        keepScreenshot(lab.scene(), "console-resize-guest");
    }

    @Test
    void detachedWindowsShowSeveralConsolesAtOnce(FxRobot robot) {
        ConsolePane alpha = lab.openConsole(robot, Lab.ALPHA);
        awaitDrawing(alpha);
        robot.clickOn("#consoleDetachButton");
        Fx.await(WAIT, "a console window", () -> lab.consoleTab().windows().size() == 1);
        ConsoleWindow window = Fx.get(() -> lab.consoleTab().windows().getFirst());
        awaitDrawing(window.pane());
        // taken while the new window is in front (read from the display, which shows what is on top)
        keepScreenshot(window.stage().getScene(), "console-window");
        // the page moves on to another domain: its console and the window draw side by side
        Fx.run(() -> window.stage().toBack());
        ConsolePane beta = lab.openConsole(robot, Lab.BETA);
        awaitDrawing(beta);
        long before = Fx.get(() -> window.pane().framesDrawn());
        Lab.virsh("send-key", Lab.ALPHA, "KEY_L", "KEY_S", "KEY_ENTER");
        Fx.await(WAIT, "the detached window still draws", () -> window.pane().framesDrawn() > before);
        assertEquals(Lab.ALPHA, Fx.get(() -> window.pane().row().getName()));
    }

    @Test
    void takingAHeldSerialConsoleAsksFirst(FxRobot robot) throws Exception {
        String uuid = Lab.virsh("domuuid", Lab.BETA);
        try (VirtConnection conn = VirtConnection.open(Lab.uri()); GuestShell other = GuestShell.open(conn, uuid)) {
            ConsolePane pane = lab.openConsole(robot, Lab.BETA);
            robot.clickOn("#consoleSerialButton");
            Fx.await(WAIT, "the question", () -> robot.lookup("#confirmDialog").tryQuery().isPresent());
            robot.clickOn("Cancel");
            Fx.await(WAIT, "left to the other client", () -> pane.serial().phaseProperty().get() == SerialConsoleViewModel.Phase.DECLINED);
            // the other client still has it
            assertTrue(other.run("echo held-$((40+2))", 10_000).contains("held-42"));
        }
    }

    @Test
    void aGuestThatIsOffOffersStartAndTheConsoleFollowsItUp(FxRobot robot) {
        ConsolePane pane = lab.openConsole(robot, Lab.GAMMA);
        try {
            Fx.await(WAIT, "shown as off", () -> pane.graphics().phaseProperty().get() == GraphicalConsoleViewModel.Phase.OFF
                && robot.lookup("#consoleStartButton").tryQuery().map(n -> n.isVisible()).orElse(false));
            robot.clickOn("#consoleStartButton");
            awaitDrawing(pane);
        } finally {
            Lab.virsh("destroy", Lab.GAMMA);
        }
    }

    /** A copy of lab-gamma with a VNC password and a tap of libvirt's own (not lab-gamma's); started. */
    private String startPasswordGuest(String password) {
        scratch = ScratchGuest.define("vireo-vncpw", xml -> xml.replaceAll("<target dev='vl[^']*'/>", "")
            .replaceAll("<graphics type='vnc'", "<graphics type='vnc' passwd='" + password + "'"));
        Lab.virsh("start", scratch.name());
        return scratch.name();
    }

    @Test
    void aVncPasswordIsAskedForAndARefusedOneSaysSo(FxRobot robot) throws Exception {
        String name = startPasswordGuest("vireo-pw");
        ConsolePane pane = lab.openConsole(robot, name);
        Fx.await(WAIT, "password question", () -> robot.lookup("#vncPasswordField").tryQuery().isPresent());
        robot.clickOn("#vncPasswordField").write("wrong");
        robot.type(KeyCode.ENTER);
        Fx.await(WAIT, "refusal shown", () -> pane.graphics().phaseProperty().get() == GraphicalConsoleViewModel.Phase.FAILED
            && robot.lookup("#consoleMessage").queryLabeled().getText().contains("refused")
            && robot.lookup("#consoleRetryButton").tryQuery().map(n -> n.isVisible()).orElse(false));
        robot.clickOn("#consoleRetryButton");
        Fx.await(WAIT, "password question again", () -> robot.lookup("#vncPasswordField").tryQuery().isPresent());
        robot.clickOn("#vncPasswordField").write("vireo-pw");
        robot.type(KeyCode.ENTER);
        awaitDrawing(pane);
    }

    @Test
    void aRestartedGuestsConsoleComesBackByItself(FxRobot robot) {
        ConsolePane pane = lab.openConsole(robot, Lab.BETA);
        awaitDrawing(pane);
        long links = pane.graphics().connections();
        // a cold restart ends QEMU and its VNC server
        Lab.virsh("destroy", Lab.BETA);
        Lab.virsh("start", Lab.BETA);
        long t = Fx.timeUntil(Duration.ofSeconds(60), "console back after the restart", () ->
            pane.graphics().connections() > links && pane.graphics().phaseProperty().get() == GraphicalConsoleViewModel.Phase.CONNECTED);
        System.out.println("[figure] guest restarted -> console back by itself: " + t + " ms");
        long drawn = Fx.get(pane::framesDrawn);
        Fx.await(WAIT, "drawing again", () -> pane.framesDrawn() > drawn);
    }
}
