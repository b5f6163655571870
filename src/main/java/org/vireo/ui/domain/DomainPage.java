package org.vireo.ui.domain;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.vireo.model.DomainStatus;
import org.vireo.ui.DomainRowViewModel;
import org.vireo.ui.Formats;
import org.vireo.ui.Icons;
import org.vireo.ui.MainViewModel;

/**
 * The page of one domain: a header with its name and state, and tabs for its aspects.
 * It follows the selected domain; with none selected it shows nothing and listens to nothing.
 */
public final class DomainPage extends BorderPane {
    private final Label name = new Label();
    private final Label state = new Label();
    private final FontIcon stateIcon = new FontIcon();
    private final Label host = new Label();
    private final TabPane tabs = new TabPane();
    private final GridPane overview = new GridPane(16, 8);
    private final Label uuidValue = new Label();
    private final Label stateValue = new Label();
    private final Label vcpusValue = new Label();
    private final Label memoryValue = new Label();
    private final javafx.beans.value.ChangeListener<DomainStatus> restyler = (o, a, b) -> restyle(b);
    private DomainRowViewModel shown;
    private final DomainPageViewModel pages;
    private final PerformanceTab performance;
    private final org.vireo.ui.console.ConsoleTab console;

    public DomainPage(MainViewModel model) {
        setId("domainPage");
        Button back = new Button("All domains", new FontIcon(MaterialDesignA.ARROW_LEFT));
        back.setId("backToHostButton");
        back.getStyleClass().add(Styles.FLAT);
        back.setOnAction(e -> model.selectedDomainProperty().set(null));
        name.setId("domainName");
        name.getStyleClass().add(Styles.TITLE_3);
        state.setId("domainState");
        host.getStyleClass().add(Styles.TEXT_MUTED);
        Button migrate = new Button("Migrate…", new FontIcon(org.kordamp.ikonli.materialdesign2.MaterialDesignT.TRUCK_FAST_OUTLINE));
        migrate.setId("pageMigrateButton");
        migrate.setOnAction(e -> onMigrate.run());
        javafx.scene.layout.Region gap = new javafx.scene.layout.Region();
        HBox.setHgrow(gap, javafx.scene.layout.Priority.ALWAYS);
        Button cloneButton = new Button("Clone…", new FontIcon(org.kordamp.ikonli.materialdesign2.MaterialDesignC.CONTENT_COPY));
        cloneButton.setId("pageCloneButton");
        cloneButton.setOnAction(e -> onClone.run());
        Button deleteButton = new Button("Delete…", new FontIcon(org.kordamp.ikonli.materialdesign2.MaterialDesignD.DELETE_OUTLINE));
        deleteButton.setId("pageDeleteButton");
        deleteButton.setOnAction(e -> onDelete.run());
        HBox title = new HBox(8, stateIcon, name, state, gap, migrate, cloneButton, deleteButton);
        title.setAlignment(Pos.CENTER_LEFT);
        VBox header = new VBox(2, back, title, host);
        header.setPadding(new Insets(6, 10, 6, 10));
        setTop(header);

        tabs.setId("domainTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        overview.setPadding(new Insets(12));
        uuidValue.setId("uuidValue");
        uuidValue.getStyleClass().add("selectable");
        int row = 0;
        overview.addRow(row++, caption("UUID"), uuidValue);
        overview.addRow(row++, caption("State"), stateValue);
        overview.addRow(row++, caption("vCPUs"), vcpusValue);
        overview.addRow(row, caption("Memory"), memoryValue);
        Tab overviewTab = new Tab("Overview", overview);
        overviewTab.setId("overviewTab");
        pages = new DomainPageViewModel(model);
        performance = new PerformanceTab(pages.performance());
        tabs.getTabs().addAll(overviewTab, performance);
        setCenter(tabs);
        DomainTabs.install(pages, tabs, overviewTab, overview);
        console = new org.vireo.ui.console.ConsoleTab(model);
        tabs.getTabs().add(console);
        org.vireo.ui.ShownOnly.whileSelected(tabs, console);
        visibleProperty().addListener(o -> console.setPageShown(isVisible()));
        console.setPageShown(isVisible());
        // charts draw only while their tab is selected and the page is shown
        pages.performance().pageShownProperty().bind(visibleProperty());

        model.selectedDomainProperty().addListener((obs, old, now) -> show(now));
        show(model.selectedDomainProperty().get());
    }

    private Runnable onMigrate = () -> { };
    private Runnable onClone = () -> { };
    private Runnable onDelete = () -> { };

    public void setOnClone(Runnable action) {
        this.onClone = action;
    }

    public void setOnDelete(Runnable action) {
        this.onDelete = action;
    }

    /** What the header's Migrate button does (the main window opens the wizard). */
    public void setOnMigrate(Runnable action) {
        this.onMigrate = action;
    }

    /** The state of the Overview ... Actions tabs (for tests). */
    public DomainPageViewModel pages() {
        return pages;
    }

    public org.vireo.ui.console.ConsoleTab console() {
        return console;
    }

    public PerformanceTab performance() {
        return performance;
    }

    /** Where other features add their tabs (performance, hardware, snapshots ...). */
    public TabPane tabs() {
        return tabs;
    }

    private void show(DomainRowViewModel row) {
        name.textProperty().unbind();
        stateValue.textProperty().unbind();
        state.textProperty().unbind();
        vcpusValue.textProperty().unbind();
        memoryValue.textProperty().unbind();
        stateIcon.iconCodeProperty().unbind();
        if (shown != null) {
            shown.statusProperty().removeListener(restyler);
        }
        shown = row;
        if (row == null) {
            return;
        }
        name.textProperty().bind(row.nameProperty());
        var statusText = Bindings.createStringBinding(() -> row.getStatus().text(), row.statusProperty());
        state.textProperty().bind(statusText);
        stateValue.textProperty().bind(statusText);
        stateIcon.iconCodeProperty().bind(Bindings.createObjectBinding(() -> Icons.forState(row.getState()), row.statusProperty()));
        row.statusProperty().addListener(restyler);
        restyle(row.getStatus());
        vcpusValue.textProperty().bind(row.vcpusProperty().asString());
        memoryValue.textProperty().bind(Bindings.createStringBinding(() -> Formats.memoryKiB(row.memoryKiBProperty().get()), row.memoryKiBProperty()));
        uuidValue.setText(row.uuid());
        host.setText("on " + row.host().titleProperty().get() + " · " + row.host().uri());
    }

    private void restyle(DomainStatus status) {
        stateIcon.getStyleClass().removeIf(c -> c.startsWith("state-"));
        stateIcon.getStyleClass().add(Icons.styleClass(status.state()));
    }

    private static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        return l;
    }
}
