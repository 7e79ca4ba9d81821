package io.onionpanel.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The engine must run headless (CLI, servers, tests): only the ui package may touch JavaFX. */
@AnalyzeClasses(packages = "io.onionpanel", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule ENGINE_IS_FREE_OF_JAVAFX = noClasses()
            .that().resideOutsideOfPackage("io.onionpanel.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "org.testfx..")
            .because("the engine is shared with the headless CLI and must not need a display");

    @ArchTest
    static final ArchRule ENGINE_DOES_NOT_KNOW_THE_UI = noClasses()
            .that().resideOutsideOfPackage("io.onionpanel.ui..")
            .should().dependOnClassesThat().resideInAPackage("io.onionpanel.ui..")
            .because("the UI binds to the engine, never the other way round");
}
