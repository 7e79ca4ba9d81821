package io.onionpanel.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The declared layers, checked on every build so that a shortcut shows up as a failing test rather than as a
 * cycle found months later. From top to bottom:
 * <ul>
 *   <li>entry points: {@code Main}, {@code cli}, {@code ui} (neither knows the other);</li>
 *   <li>{@code control}: the running engine's control socket (server and client), over the engine and monitor;</li>
 *   <li>{@code monitor}: watches the engine through its listener and statuses;</li>
 *   <li>{@code engine}: runs tor and composes the features below;</li>
 *   <li>features: attach, auth, autostart, backup, defense, export, probe, routstr, share (usable by the CLI without a
 *       running engine);</li>
 *   <li>core: tor, onion, settings, with common at the very bottom.</li>
 * </ul>
 * Tests are not checked: they may reach across layers to set up a scenario.
 */
@AnalyzeClasses(packages = "io.onionpanel", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String ROOT = "io.onionpanel";
    private static final String CLI = "io.onionpanel.cli..";
    private static final String UI = "io.onionpanel.ui..";
    private static final String CONTROL = "io.onionpanel.control..";
    private static final String MONITOR = "io.onionpanel.monitor..";
    private static final String ENGINE = "io.onionpanel.engine..";
    private static final String[] FEATURES = {"io.onionpanel.attach..", "io.onionpanel.auth..", "io.onionpanel.backup..",
        "io.onionpanel.defense..", "io.onionpanel.export..", "io.onionpanel.autostart..", "io.onionpanel.probe..", "io.onionpanel.routstr..",
        "io.onionpanel.share..", "io.onionpanel.balance..", "io.onionpanel.actions.."};
    private static final String[] CORE = {"io.onionpanel.tor..", "io.onionpanel.onion..", "io.onionpanel.settings..", "io.onionpanel.connection..",
        "io.onionpanel.common.."};

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

    @ArchTest
    static final ArchRule LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Entry points").definedBy(ROOT, CLI, UI)
            .layer("Control").definedBy(CONTROL)
            .layer("Monitor").definedBy(MONITOR)
            .layer("Engine").definedBy(ENGINE)
            .layer("Features").definedBy(FEATURES)
            .layer("Core").definedBy(CORE)
            .whereLayer("Entry points").mayNotBeAccessedByAnyLayer()
            .whereLayer("Control").mayOnlyBeAccessedByLayers("Entry points")
            .whereLayer("Monitor").mayOnlyBeAccessedByLayers("Entry points", "Control")
            .whereLayer("Engine").mayOnlyBeAccessedByLayers("Entry points", "Control", "Monitor")
            .whereLayer("Features").mayOnlyBeAccessedByLayers("Entry points", "Control", "Monitor", "Engine")
            .whereLayer("Core").mayOnlyAccessLayers("Core")
            .because("each layer only builds on the ones below it, so any of them can be changed, tested or reused "
                    + "(the CLI without a window, a feature without a running tor) without the ones above");

    @ArchTest
    static final ArchRule NO_CYCLES_BETWEEN_PACKAGES = slices().matching("io.onionpanel.(**)")
            .should().beFreeOfCycles()
            .because("a cycle makes two packages one: neither can be understood, tested or moved alone "
                    + "(this also covers the ui window and its views, e.g. ui ↔ ui.dashboard)");

    @ArchTest
    static final ArchRule NO_CYCLES_BETWEEN_TOP_LEVEL_PACKAGES = slices().matching("io.onionpanel.(*)..")
            .should().beFreeOfCycles()
            .because("a cycle through sub-packages (a.x → b → a.y) is still a cycle between a and b");

    @ArchTest
    static final ArchRule CORE_KNOWS_NOTHING_ABOVE_IT = noClasses()
            .that().resideInAnyPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage(concat(FEATURES, ENGINE, MONITOR, CONTROL, CLI, UI, ROOT))
            .because("tor, onion, settings and common are what everything else is made of; a type they need "
                    + "belongs with them (as DefenseOptions moved to tor and DosLimits to settings)");

    @ArchTest
    static final ArchRule COMMON_IS_THE_BOTTOM = noClasses()
            .that().resideInAPackage("io.onionpanel.common..")
            .should().dependOnClassesThat(resideInAPackage("io.onionpanel..").and(not(resideInAPackage("io.onionpanel.common.."))))
            .because("common holds the helpers every package may use (files, text, threads, runtime.json)");

    @ArchTest
    static final ArchRule FEATURES_DO_NOT_KNOW_THE_ENGINE = noClasses()
            .that().resideInAnyPackage(FEATURES)
            .should().dependOnClassesThat().resideInAnyPackage(ENGINE, MONITOR, CONTROL, CLI, UI, ROOT)
            .because("the engine composes the features, and the CLI uses them on a data folder with or without a "
                    + "running engine (backup asks common.RuntimeFile, not the engine, whether one runs)");

    @ArchTest
    static final ArchRule ENGINE_DOES_NOT_DEPEND_ON_MONITOR = noClasses()
            .that().resideInAPackage(ENGINE)
            .should().dependOnClassesThat().resideInAPackage(MONITOR)
            .because("the monitor watches the engine through EngineListener and its statuses; the engine must not "
                    + "build or call it (the entry points attach one: monitor.EngineMonitor)");

    @ArchTest
    static final ArchRule CLI_DOES_NOT_KNOW_THE_UI = noClasses()
            .that().resideInAnyPackage(ROOT, CLI)
            .should().dependOnClassesThat().resideInAPackage(UI)
            .because("the CLI runs where there is no display: the window is opened by name (reflection), so JavaFX "
                    + "is only loaded when asked for");

    @ArchTest
    static final ArchRule UI_DOES_NOT_CALL_THE_CLI = noClasses()
            .that().resideInAPackage(UI)
            .should().dependOnClassesThat().resideInAPackage(CLI)
            .because("window and CLI are two faces of the same engine and features; what both need lives below them");

    @ArchTest
    static final ArchRule VIEWS_DO_NOT_KNOW_THE_WINDOW = noClasses()
            .that().resideInAPackage("io.onionpanel.ui..").and().resideOutsideOfPackage("io.onionpanel.ui")
            .should().dependOnClassesThat().resideInAPackage("io.onionpanel.ui")
            .because("the window (MainWindow, OnionPanelApp) builds the views; views get the model from ui.model "
                    + "and shared widgets from ui.common");

    @ArchTest
    static final ArchRule UI_MODEL_AND_COMMON_ARE_BELOW_THE_VIEWS = noClasses()
            .that().resideInAnyPackage("io.onionpanel.ui.model..", "io.onionpanel.ui.common..")
            .should().dependOnClassesThat(resideInAPackage(UI)
                    .and(resideOutsideOfPackage("io.onionpanel.ui.model.."))
                    .and(resideOutsideOfPackage("io.onionpanel.ui.common..")))
            .because("every view uses the model and the shared widgets; if they used a view, views would "
                    + "depend on each other through them");

    @ArchTest
    static final ArchRule DAEMON_THREADS_COME_FROM_ONE_PLACE = noClasses()
            .that().doNotHaveFullyQualifiedName("io.onionpanel.common.DaemonThreads")
            .should().callMethod(Thread.class, "setDaemon", boolean.class)
            .because("common.DaemonThreads makes the background threads (named, daemon, so none keeps the JVM "
                    + "alive)");

    @ArchTest
    static final ArchRule JSON_GOES_THROUGH_JSON_CODEC = noClasses()
            .should().dependOnClassesThat().haveFullyQualifiedName("com.fasterxml.jackson.databind.ObjectMapper")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("com.fasterxml.jackson.databind.ObjectReader")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("com.fasterxml.jackson.databind.ObjectWriter")
            .orShould().callMethodWhere(DescribedPredicate.describe("JsonNode.toString() or toPrettyString()",
                    (com.tngtech.archunit.core.domain.JavaMethodCall call) -> call.getTargetOwner()
                            .isAssignableTo(com.fasterxml.jackson.databind.JsonNode.class)
                            && (call.getName().equals("toString") || call.getName().equals("toPrettyString"))))
            .because("common.json.JsonCodec reads and writes the panel's JSON: ObjectMapper (which JsonNode.toString()"
                    + " starts too) put ~480 classes, 5 MB of the engine's class-data archive, into every process"
                    + " (issue 17)");

    /** A class (with its nested and anonymous classes) by the regular expression of its name. */
    private static DescribedPredicate<JavaClass> namedLike(String regex, String description) {
        return DescribedPredicate.describe(description, (JavaClass c) -> c.getName().matches(regex));
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
