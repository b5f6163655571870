package org.vireo.ui.fleet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.vireo.host.HostOptions;
import org.vireo.model.DomainTags;
import org.vireo.support.FleetHosts;
import org.vireo.support.FleetHosts.Guest;
import org.vireo.support.Fx;
import org.vireo.support.Lab;
import org.vireo.support.Screenshots;
import org.vireo.ui.MainViewModel;
import org.vireo.ui.MainWindow;
import org.vireo.ui.VireoApp;

/**
 * Tags changed outside Vireo show at once: virsh writes Vireo's tags element into a lab
 * guest's metadata (as another user or a script would), libvirt's metadata change event
 * reaches Vireo, and the fleet's Tags column shows the new tags, long before the 2-minute
 * re-read of every domain's labels (the only other way they would come).
 */
@Tag("lab")
@ExtendWith(ApplicationExtension.class)
@Timeout(120)
class FleetTagEventLabTest {
    /** Well under the periodic re-read (2 min from the host's first listing). */
    private static final Duration WAIT = Duration.ofSeconds(30);
    private MainViewModel model;
    private Scene scene;

    @Start
    void start(Stage stage) {
        // the lab host and a small test-driver host: two hosts, so the fleet view is what opens
        String other = FleetHosts.write(Path.of("target", "fleet-hosts", Long.toString(System.nanoTime())), "side", 0xd,
            List.of(Guest.off("side-1").tagged("test")));
        model = new MainViewModel(HostOptions.defaults(), c -> { });
        scene = VireoApp.createScene(model, 1280, 800);
        stage.setScene(scene);
        stage.show();
        removeTags();
        model.openAll(List.of(Lab.uri(), other));
    }

    @AfterEach
    void stop() {
        Fx.run(model::stopAll);
        removeTags();
    }

    /** Leaves the shared lab guests as they were: no Vireo tags. */
    private static void removeTags() {
        Lab.virsh("metadata", Lab.GAMMA, "--uri", DomainTags.NAMESPACE, "--remove", "--config");
        Lab.virsh("metadata", Lab.ALPHA, "--uri", DomainTags.NAMESPACE, "--remove", "--live", "--config");
    }

    /** The text of the Tags cell in that domain's fleet row, "" while it is not on screen. */
    private String tagsCell(FxRobot robot, String name) {
        return Fx.get(() -> {
            for (Node n : robot.lookup(".table-row-cell").queryAll()) {
                if (n instanceof javafx.scene.control.TableRow<?> row && row.getItem() instanceof FleetRow r && !r.isHeader()
                    && r.domain().getName().equals(name)) {
                    for (Node c : row.lookupAll(".table-cell")) {
                        if (c instanceof TableCell<?, ?> cell && cell.getTableColumn() != null
                            && "fleetTagsColumn".equals(cell.getTableColumn().getId())) {
                            return cell.getText() == null ? "" : cell.getText();
                        }
                    }
                }
            }
            return "";
        });
    }

    private static String virshTags(String domain) {
        return "<tags><tag>from-virsh</tag><tag>" + domain.replace("lab-", "") + "</tag></tags>";
    }

    @Test
    void tagsWrittenWithVirshShowInTheFleetsTagColumnThroughLibvirtsEvent(FxRobot robot) {
        Fx.await(WAIT, "the lab's guests and side-1 in the fleet view", () -> model.fleetShownProperty().get()
            && model.fleet().domainCount() >= 4 && !tagsCell(robot, "side-1").isEmpty()
            && tagsCell(robot, Lab.GAMMA).isEmpty() && model.hosts().stream().allMatch(h -> h.labelsReadProperty().get() > 0));
        assertTrue(tagsCell(robot, Lab.ALPHA).isEmpty(), "lab-alpha has no tag yet");

        // a shut-off guest: its persistent definition
        long t0 = System.nanoTime();
        Lab.virsh("metadata", Lab.GAMMA, "--uri", DomainTags.NAMESPACE, "--key", "vireo", "--set", virshTags(Lab.GAMMA), "--config");
        Fx.await(WAIT, "lab-gamma's tags in the fleet", () -> tagsCell(robot, Lab.GAMMA).equals("from-virsh, gamma"));
        long gammaMs = (System.nanoTime() - t0) / 1_000_000;

        // a running guest: live and persistent
        t0 = System.nanoTime();
        Lab.virsh("metadata", Lab.ALPHA, "--uri", DomainTags.NAMESPACE, "--key", "vireo", "--set", virshTags(Lab.ALPHA),
            "--live", "--config");
        Fx.await(WAIT, "lab-alpha's tags in the fleet", () -> tagsCell(robot, Lab.ALPHA).equals("from-virsh, alpha"));
        long alphaMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("[figure] virsh metadata --set -> fleet Tags cell: shut-off %d ms, running %d ms%n", gammaMs, alphaMs);
        Fx.run(() -> model.fleet().groupingProperty().set(Grouping.TAG));
        Fx.await(WAIT, "a from-virsh group", () -> model.fleet().rows().stream()
            .anyMatch(r -> r.isHeader() && r.group().equals("from-virsh") && r.count() == 2));
        Screenshots.saveDoc(scene, "fleet-tags");

        // and removed the same way
        Lab.virsh("metadata", Lab.GAMMA, "--uri", DomainTags.NAMESPACE, "--remove", "--config");
        Fx.run(() -> model.fleet().groupingProperty().set(Grouping.HOST));
        Fx.await(WAIT, "lab-gamma's tags gone from the fleet", () -> tagsCell(robot, Lab.GAMMA).isEmpty()
            && tagsCell(robot, Lab.ALPHA).equals("from-virsh, alpha"));
    }
}
