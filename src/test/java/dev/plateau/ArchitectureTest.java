package dev.plateau;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The core never imports JavaFX; the UI never touches Netty objects. */
@AnalyzeClasses(packages = "dev.plateau", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule coreHasNoJavaFx = noClasses()
            .that().resideInAnyPackage("dev.plateau.collector..", "dev.plateau.telemetry..", "dev.plateau.load..",
                    "dev.plateau.runs..", "dev.plateau.cli..", "dev.plateau.events..", "dev.plateau.series..",
                    "dev.plateau.targets..", "dev.plateau.fleet..", "dev.plateau.allocations..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule coreDoesNotDependOnUi = noClasses()
            .that().resideOutsideOfPackage("dev.plateau.ui..")
            .and().resideOutsideOfPackage("dev.plateau.cli..")
            .should().dependOnClassesThat().resideInAPackage("dev.plateau.ui..");

    /** Imports flow one way: runs uses targets and series; targets and series never use runs or the CLI. */
    @ArchTest
    static final ArchRule seriesAndTargetsAreBelowRuns = noClasses()
            .that().resideInAnyPackage("dev.plateau.series..", "dev.plateau.targets..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.plateau.runs..", "dev.plateau.cli..");

    @ArchTest
    static final ArchRule uiDoesNotTouchNetty = noClasses()
            .that().resideInAPackage("dev.plateau.ui..")
            .should().dependOnClassesThat().resideInAPackage("io.netty..");
}
