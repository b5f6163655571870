package org.vireo;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layers of docs/architecture: gateway, host services, view models, views; nothing points back up. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.vireo");
    }

    @Test
    void gatewayModelAndServicesKnowNoJavaFx() {
        noClasses().that().resideInAnyPackage("org.vireo.libvirt..", "org.vireo.model..", "org.vireo.host..", "org.vireo.job..", "org.vireo.settings..", "org.vireo.ssh..", "org.vireo.console..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.vireo.ui..")
            .check(classes);
    }

    @Test
    void theUiNeverTouchesLibvirt() {
        noClasses().that().resideInAnyPackage("org.vireo.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("org.libvirt..", "org.vireo.libvirt..", "com.sun.jna..", "com.jcraft..")
            .check(classes);
    }

    @Test
    void viewsKnowOnlyViewModelsNotServices() {
        noClasses().that().resideInAnyPackage("org.vireo.ui..").and().haveSimpleNameNotEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAnyPackage("org.vireo.host..", "org.vireo.ssh..")
            .check(classes);
    }

    @Test
    void servicesKnowNoSshClient() {
        // JSch stays in org.vireo.ssh: host services see only the HostConnector seam
        noClasses().that().resideInAnyPackage("org.vireo.host..", "org.vireo.job..", "org.vireo.libvirt..", "org.vireo.model..")
            .should().dependOnClassesThat().resideInAnyPackage("com.jcraft..", "org.vireo.ssh..")
            .check(classes);
    }

    @Test
    void gatewayKnowsNoServices() {
        noClasses().that().resideInAnyPackage("org.vireo.libvirt..", "org.vireo.model..")
            .should().dependOnClassesThat().resideInAnyPackage("org.vireo.host..", "org.vireo.job..")
            .check(classes);
    }
}
