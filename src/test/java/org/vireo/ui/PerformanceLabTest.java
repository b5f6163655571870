package org.vireo.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.vireo.host.HostOptions;
import org.vireo.libvirt.VirtConnection;
import org.vireo.model.Metric;
import org.vireo.support.Fx;
import org.vireo.support.GuestShell;
import org.vireo.support.Lab;
import org.vireo.support.LabWindow;
import org.vireo.support.Screenshots;
import org.vireo.ui.chart.TimeSeriesChart;

/** Charts and sparklines in a real window while a lab guest does disk, network and CPU work. */
@Tag("lab")
@ExtendWith(ApplicationExtension.class)
class PerformanceLabTest {
    private LabWindow lab;

    @Start
    void start(Stage stage) {
        lab = LabWindow.show(stage, HostOptions.defaults().withPollInterval(Duration.ofMillis(500)));
    }

    @AfterEach
    void stop() {
        lab.close();
    }

    @Test
    void chartsAndSparklinesShowABusyGuest(FxRobot robot) throws Exception {
        Fx.await(Duration.ofSeconds(15), "lab listed", () -> lab.row(Lab.ALPHA) != null);
        try (VirtConnection conn = VirtConnection.open(Lab.uri());
             GuestShell shell = GuestShell.open(conn, Lab.virsh("domuuid", Lab.ALPHA))) {
            shell.run("rm -f /tmp/stop; ip link set eth0 up; ip addr add 192.168.78.2/24 dev eth0 2>/dev/null;"
                + " arp -s 192.168.78.1 02:00:00:00:00:01", 10_000);
            shell.start("while [ ! -e /tmp/stop ]; do dd if=/dev/vda of=/dev/null bs=1M count=4 iflag=direct; sleep 1; done");
            shell.start("while [ ! -e /tmp/stop ]; do dd if=/dev/zero of=/dev/vda bs=1M count=2 seek=32 conv=fsync; sleep 2; done");
            shell.start("while [ ! -e /tmp/stop ]; do ping -q -c 50 -s 1200 -i 0.02 192.168.78.1; done");
            shell.start("while [ ! -e /tmp/stop ]; do i=0; while [ $i -lt 3000 ]; do i=$((i+1)); done; sleep 1; done");
            try {
                // eight refreshes with the work going on
                Fx.await(Duration.ofSeconds(30), "disk and network figures", () -> {
                    DomainRowViewModel a = lab.row(Lab.ALPHA);
                    return a.series(Metric.DISK_READ).size() >= 8 && a.diskBpsProperty().get() > 0 && a.netBpsProperty().get() > 0;
                });
                Fx.run(() -> lab.main().table().getSelectionModel().select(lab.row(Lab.ALPHA)));
                Fx.await(Duration.ofSeconds(5), "host charts drawn", () -> lab.host().tickProperty().get() > 8);
                Screenshots.save(lab.scene(), "main-window-lab-monitoring");

                Fx.clickWhenShown(robot, "#domain-" + Lab.ALPHA);
                TabPane tabs = robot.lookup("#domainTabs").queryAs(TabPane.class);
                Fx.run(() -> tabs.getSelectionModel().select(lab.main().domainPage().performance()));
                TimeSeriesChart disk = robot.lookup("#diskChart").queryAs(TimeSeriesChart.class);
                robot.moveTo(disk);
                // near the right end: the newest points
                robot.moveBy(disk.getWidth() / 2 - 30, 0);
                Fx.await(Duration.ofSeconds(5), "readout with values", () -> disk.readoutText().contains("Read:"));
                String readout = Fx.get(disk::readoutText);
                assertTrue(readout.matches("(?s)\\d\\d:\\d\\d:\\d\\d\\nRead: .*\\nWrite: .*"), readout);
                assertFalse(readout.contains("Read: —"), "the newest point has a read rate: " + readout);
                Screenshots.save(lab.scene(), "domain-performance-lab");
            } finally {
                shell.run("touch /tmp/stop", 10_000);
            }
        }
    }
}
