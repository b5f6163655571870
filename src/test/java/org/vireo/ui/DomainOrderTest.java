package org.vireo.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.vireo.libvirt.HardwareApi;
import org.vireo.support.DemoWindow;
import org.vireo.support.Fx;

/** Names sort as people read them, in the tree and in the table: vm2 before vm10. */
@ExtendWith(ApplicationExtension.class)
class DomainOrderTest {
    private DemoWindow window;
    private MainViewModel model;
    private String demoUri;

    @Start
    void start(Stage stage) {
        window = DemoWindow.show(stage);
        model = window.model();
        demoUri = window.demoUri();
    }

    @AfterEach
    void stop() {
        window.close();
    }

    @Test
    void vm2ComesBeforeVm10InTheTreeAndTheTable(FxRobot robot) throws Exception {
        HostViewModel demo = model.find(demoUri).orElseThrow();
        Fx.await(Duration.ofSeconds(10), "demo listed", () -> demo.domains().size() == 7);
        for (String name : List.of("vm10", "vm2", "VM1")) {
            demo.session().submit(c -> {
                new HardwareApi(c).define("<domain type='test'><name>" + name + "</name><memory>65536</memory>"
                    + "<os><type>hvm</type></os></domain>");
                return null;
            }).get(10, TimeUnit.SECONDS);
        }
        demo.session().requestRefresh();
        Fx.await(Duration.ofSeconds(10), "the new domains listed", () -> demo.domains().size() == 10);
        TableView<?> table = robot.lookup("#domainTable").queryAs(TableView.class);
        List<String> inTable = Fx.get(() -> table.getItems().stream().map(r -> ((DomainRowViewModel) r).getName()).toList());
        String probe = Fx.get(() -> "comparator=" + table.getComparator() + " sortOrder=" + table.getSortOrder()
            + " items=" + table.getItems().getClass().getSimpleName()
            + (table.getItems() instanceof javafx.collections.transformation.SortedList<?> sl
                ? " slComparator=" + sl.getComparator() + " source=" + sl.getSource().stream().map(r -> ((DomainRowViewModel) r).getName()).toList() : ""));
        assertEquals(List.of("VM1", "vm2", "vm10"), inTable.stream().filter(n -> n.toLowerCase().startsWith("vm")).toList(), inTable + " " + probe);
        TreeView<?> tree = robot.lookup("#connectionTree").queryAs(TreeView.class);
        List<String> inTree = Fx.get(() -> tree.getRoot().getChildren().getFirst().getChildren().stream()
            .map(TreeItem::getValue).map(v -> v instanceof DomainRowViewModel r ? r.getName() : String.valueOf(v)).toList());
        assertEquals(List.of("VM1", "vm2", "vm10"), inTree.stream().filter(n -> n.toLowerCase().startsWith("vm")).toList(), inTree.toString());
    }
}
