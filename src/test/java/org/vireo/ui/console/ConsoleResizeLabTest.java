package org.vireo.ui.console;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.vireo.console.ConsoleService;
import org.vireo.console.GraphicsLink;
import org.vireo.console.RfbClient;
import org.vireo.host.HostConnector;
import org.vireo.host.HostOptions;
import org.vireo.host.HostSession;
import org.vireo.support.Await;
import org.vireo.support.Fx;
import org.vireo.support.Lab;
import org.vireo.support.LabWindow;
import org.vireo.support.Ppm;
import org.vireo.support.ScratchGuest;
import org.vireo.support.Screenshots;

/**
 * Resize guest against a guest whose display can change its size: a scratch copy of lab-gamma
 * with virtio video (QEMU's virtio-vga) and the lab's virtio-gpu kernel and initramfs
 * (lab.sh gfx-assets). The lab's own guests have std VGA, which QEMU cannot resize
 * (ConsoleLabTest checks that refusal). One such guest serves the class: it boots in about
 * twice the time of the lab's cloud-kernel guests (the generic kernel probes more).
 */
@Tag("lab")
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConsoleResizeLabTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private LabWindow lab;
    private Stage stage;
    private static ScratchGuest scratch;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        lab = LabWindow.show(stage);
    }

    @BeforeAll
    static void startGuest() {
        scratch = startVirtioGpuGuest();
    }

    @AfterEach
    void stop() {
        lab.close();
    }

    @AfterAll
    static void removeGuest() {
        if (scratch != null) {
            scratch.close();
        }
    }

    /** A copy of lab-gamma with virtio video, the virtio-gpu kernel and a tap of libvirt's own; started. */
    private static ScratchGuest startVirtioGpuGuest() {
        String out = Lab.script("gfx-assets");
        // the script logs to stderr (merged here); its last line is the assets' dir
        String assets = out.substring(out.lastIndexOf('\n') + 1).strip();
        assertTrue(Files.isRegularFile(Path.of(assets, "vmlinuz")), "no virtio-gpu kernel in " + assets + ": " + out);
        ScratchGuest guest = ScratchGuest.define("vireo-gfx", xml -> {
            String kernel = xml.replaceAll("(?s).*<kernel>([^<]+)</kernel>.*", "$1");
            String initrd = xml.replaceAll("(?s).*<initrd>([^<]+)</initrd>.*", "$1");
            String mine = xml.replaceAll("<target dev='vl[^']*'/>", "")
                .replace(kernel, assets + "/vmlinuz")
                .replace(initrd, assets + "/initrd.img")
                .replaceAll("<model type='vga'[^>]*/>", "<model type='virtio' heads='1' primary='yes'/>");
            assertTrue(mine.contains("<model type='virtio' heads='1'"), "lab-gamma's video is no longer std VGA: " + xml);
            return mine;
        });
        long t0 = System.nanoTime();
        guest.startAndAwaitBoot(WAIT);
        System.out.println("[figure] virtio-gpu guest: start -> GUEST READY " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        return guest;
    }

    private ConsolePane openConsole(FxRobot robot, String name) {
        ConsolePane pane = lab.openConsole(robot, name);
        Fx.await(WAIT, "graphical console connected and drawn", () ->
            pane.graphics().phaseProperty().get() == GraphicalConsoleViewModel.Phase.CONNECTED && pane.framesDrawn() > 0);
        return pane;
    }

    /** The size Resize guest asks for: the screen area's, down to a multiple of 8 (VncView.askGuestSize). */
    private static int[] paneSize(ConsolePane pane) {
        return Fx.get(() -> {
            var b = pane.screenNode().getLayoutBounds();
            return new int[] {(int) b.getWidth() & ~7, (int) b.getHeight() & ~7};
        });
    }

    /** The guest's framebuffer as libvirt's screenshot has it {width, height}. */
    private static int[] libvirtScreenSize(String name) throws Exception {
        Path shot = Files.createTempFile("vireo-shot", ".png");
        try {
            Lab.virsh("screenshot", name, shot.toString());
            Ppm p = Ppm.read(shot);
            return new int[] {p.width(), p.height()};
        } finally {
            Files.deleteIfExists(shot);
        }
    }

    /** The sizes of Vireo's framebuffer, the image it shows, its drawn bounds and libvirt's screenshot. */
    private static String sizes(ConsolePane pane, String name) throws Exception {
        String shown = Fx.get(() -> {
            var fb = pane.graphics().framebuffer();
            var img = pane.shownImage();
            var b = pane.screenBounds();
            return "framebuffer " + (fb == null ? "none" : fb.width() + "x" + fb.height())
                + ", image " + (img == null ? "none" : (int) img.getWidth() + "x" + (int) img.getHeight())
                + ", drawn " + Math.round(b.getWidth()) + "x" + Math.round(b.getHeight());
        });
        int[] s = libvirtScreenSize(name);
        return shown + ", libvirt " + s[0] + "x" + s[1];
    }

    /** Polls a condition off the FX thread (it may run virsh and read FX state) until it holds. */
    private static void until(String what, java.util.function.BooleanSupplier condition) {
        Await.until(WAIT, Duration.ofMillis(100), what, condition);
    }

    /** Waits until Vireo's framebuffer, the image it shows (1:1) and libvirt's screenshot all have the size. */
    private static void awaitEverywhere(ConsolePane pane, String name, int[] size, String what) {
        String want = size[0] + "x" + size[1];
        String all = "framebuffer " + want + ", image " + want + ", drawn " + want + ", libvirt " + want;
        String[] last = {""};
        try {
            until(what + ": " + all, () -> {
                try {
                    last[0] = sizes(pane, name);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                return last[0].equals(all);
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last seen: " + last[0], e);
        }
    }

    @Test
    void resizeGuestGivesTheGuestThePanesSizeAndFollowsThePane(FxRobot robot) throws Exception {
        String name = scratch.name();
        ConsolePane pane = openConsole(robot, name);
        Fx.await(WAIT, "Resize guest offered", () -> !robot.lookup("#consoleResizeGuestButton").query().isDisabled());
        // virtio-vga boots at QEMU's default 1280x800, larger than the pane (the other test may have left 800x600)
        int[] before = libvirtScreenSize(name);
        int[] want = paneSize(pane);
        assertTrue(want[0] < 1280 && want[1] < 800, "the pane is smaller than the guest's boot size: " + want[0] + "x" + want[1]);
        assertTrue(before[0] != want[0] || before[1] != want[1], "the guest is at the pane's size already");

        robot.clickOn("#consoleResizeGuestButton");
        long t0 = System.nanoTime();
        awaitEverywhere(pane, name, want, "after Resize guest");
        System.out.println("[figure] Resize guest -> guest at the pane's size (" + want[0] + "x" + want[1] + "): "
            + (System.nanoTime() - t0) / 1_000_000 + " ms");
        Fx.await(WAIT, "the guest's new size said", () -> robot.lookup("#consoleStatus").queryLabeled().getText()
            .contains("The guest's display is now " + want[0] + " × " + want[1]));
        // the guest's text console took the new size too (lab.sh's drm-follow): its serial log says so
        until("the guest's console at the new mode", () ->
            Lab.readSerialLog(name).contains("drm-follow: mode " + want[0] + "x" + want[1]));
        // a cleared screen filled down to its last row: the kernel log's first lines (the first
        // one wraps at the new width), then the prompt
        Lab.virsh("send-key", name, "KEY_C", "KEY_L", "KEY_E", "KEY_A", "KEY_R", "KEY_SEMICOLON", "KEY_D", "KEY_M");
        Lab.virsh("send-key", name, "KEY_E", "KEY_S", "KEY_G", "KEY_SPACE");
        Lab.virsh("send-key", name, "KEY_LEFTSHIFT", "KEY_BACKSLASH");
        Lab.virsh("send-key", name, "KEY_SPACE", "KEY_H", "KEY_E", "KEY_A", "KEY_D");
        Lab.virsh("send-key", name, "KEY_SPACE", "KEY_MINUS", "KEY_N", "KEY_2", "KEY_7", "KEY_ENTER");
        until("text on the last rows of the shown image", () -> Fx.get(() -> litPixelsInLastRows(pane, 16)) > 0);
        // from the display: the guest's screen is drawn straight to X, outside the scene graph
        Screenshots.saveDocFromScreen(lab.scene(), "console-resize-guest-virtio");

        // a smaller window: the pane shrinks and the guest follows it
        Fx.run(() -> stage.setWidth(stage.getWidth() - 160));
        Fx.await(WAIT, "the pane shrank", () -> paneSize(pane)[0] <= want[0] - 160);
        int[] smaller = paneSize(pane);
        awaitEverywhere(pane, name, smaller, "after the window shrank");
    }

    /** Pixels of the shown image's last rows that are not black. */
    private static int litPixelsInLastRows(ConsolePane pane, int rows) {
        var img = pane.shownImage();
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        int lit = 0;
        for (int y = Math.max(0, h - rows); y < h; y++) {
            for (int x = 0; x < w; x++) {
                if ((img.getPixelReader().getArgb(x, y) & 0xffffff) != 0) {
                    lit++;
                }
            }
        }
        return lit;
    }

    @Test
    void aSizeTheGuestTakesFromElsewhereIsFollowed(FxRobot robot) throws Exception {
        String name = scratch.name();
        ConsolePane pane = openConsole(robot, name);
        robot.clickOn("#consoleOneToOneButton");
        int[] before = libvirtScreenSize(name);
        int[] other = before[0] == 800 ? new int[] {640, 480} : new int[] {800, 600};
        // another VNC client (shared, as virt-viewer would be) asks the guest for another size
        HostSession session = new HostSession(Lab.uri(), HostOptions.defaults().withPollInterval(Duration.ofSeconds(30)), s -> { });
        session.start();
        try {
            GraphicsLink link = new ConsoleService(session, HostConnector.DIRECT).openGraphics(Lab.virsh("domuuid", name));
            CountDownLatch offered = new CountDownLatch(1);
            RfbClient[] client = new RfbClient[1];
            client[0] = new RfbClient(link.in(), link.out(), null, new RfbClient.Listener() {
                @Override
                public void updated() {
                    if (client[0].canResizeGuest()) {
                        offered.countDown();
                    }
                }
            }, new int[] {RfbClient.ZRLE});
            Thread reader = Thread.ofPlatform().daemon().start(() -> {
                try {
                    client[0].run();
                } catch (Exception e) {
                    // closed by the test
                }
            });
            try {
                assertTrue(offered.await(30, TimeUnit.SECONDS), "the other client got no ExtendedDesktopSize");
                client[0].requestDesktopSize(other[0], other[1]);
                // Vireo was not asked, and follows the guest's new size (DesktopSize), drawn 1:1
                awaitEverywhere(pane, name, other, "after another client's resize");
            } finally {
                client[0].close();
                link.close();
                reader.join(5000);
            }
        } finally {
            session.stop();
        }
    }
}
