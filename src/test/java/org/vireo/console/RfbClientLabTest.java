package org.vireo.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vireo.host.HostConnector;
import org.vireo.host.HostOptions;
import org.vireo.host.HostSession;
import org.vireo.support.Lab;
import org.vireo.support.Ppm;

/**
 * The RFB client against QEMU's VNC server in a lab guest, through virDomainOpenGraphicsFD:
 * with each pixel encoding alone, the decoded framebuffer equals libvirt's screenshot of
 * the same (idle) screen.
 */
@Tag("lab")
class RfbClientLabTest {
    private HostSession session;
    private ConsoleService consoles;

    @BeforeEach
    void open() throws Exception {
        session = new HostSession(Lab.uri(), HostOptions.defaults().withPollInterval(Duration.ofSeconds(30)), s -> { });
        session.start();
        consoles = new ConsoleService(session, HostConnector.DIRECT);
    }

    @AfterEach
    void close() {
        session.stop();
    }

    @ParameterizedTest
    @ValueSource(ints = {RfbClient.ZRLE, RfbClient.HEXTILE, RfbClient.ZLIB, RfbClient.RAW})
    void framebufferMatchesLibvirtsScreenshot(int encoding) throws Exception {
        String uuid = Lab.virsh("domuuid", Lab.ALPHA);
        // a quiet screen with known text: clear it and print a marker on tty1
        Lab.virsh("send-key", Lab.ALPHA, "KEY_C", "KEY_L", "KEY_E", "KEY_A", "KEY_R", "KEY_ENTER");
        Lab.virsh("send-key", Lab.ALPHA, "KEY_L", "KEY_S", "KEY_SPACE", "KEY_MINUS", "KEY_L", "KEY_SPACE", "KEY_SLASH", "KEY_ENTER");
        GraphicsLink link = consoles.openGraphics(uuid);
        CountDownLatch first = new CountDownLatch(1);
        RfbClient client = new RfbClient(link.in(), link.out(), null, new RfbClient.Listener() {
            @Override
            public void updated() {
                first.countDown();
            }
        }, new int[] {encoding});
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try {
                client.run();
            } catch (Exception e) {
                // closed by the test
            }
        });
        try {
            assertTrue(first.await(20, TimeUnit.SECONDS), "no framebuffer update");
            // compare once both agree: the screen may still be settling from the clear
            Path shot = Files.createTempFile("vireo-shot", ".ppm");
            int diff = Integer.MAX_VALUE;
            Ppm ppm = null;
            long deadline = System.currentTimeMillis() + 15_000;
            while (System.currentTimeMillis() < deadline) {
                Lab.virsh("screenshot", Lab.ALPHA, shot.toString());
                ppm = Ppm.read(shot);
                Framebuffer fb = client.framebuffer();
                if (fb.width() == ppm.width() && fb.height() == ppm.height()) {
                    diff = ppm.differingPixels(fb.snapshot(), 8);
                    // the text cursor blinks: one character cell (9x16) may differ
                    if (diff <= 9 * 16) {
                        break;
                    }
                }
                Thread.sleep(100);
            }
            Files.deleteIfExists(shot);
            assertEquals(720, ppm.width(), "VGA text mode is 720 wide");
            assertTrue(diff <= 9 * 16, "pixels that differ from libvirt's screenshot: " + diff);
            assertTrue(client.hasExtendedKeys(), "QEMU offers its extended key event");
            System.out.println("[figure] resize offered: " + client.canResizeGuest());
            System.out.println("[figure] encoding " + encoding + ": " + client.updates() + " updates, "
                + client.bytesIn() + " bytes, " + diff + " pixels differ");
        } finally {
            client.close();
            link.close();
            reader.join(5000);
        }
    }
}
