package dev.plateau.ui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.Slice;
import java.util.Arrays;
import java.util.List;

/**
 * STYLE.md's JavaFX layering: view models hold state without the scene graph; LTTB stays plain Java; the UI is
 * split by feature (JabRef's {@code gui/*}): a feature package (live, connections, load, compare, log) uses only
 * {@code ui.common} and the core, never another feature or the main window, and {@code ui.common} uses no feature.
 */
@AnalyzeClasses(packages = "dev.plateau", importOptions = ImportOption.DoNotIncludeTests.class)
class UiArchitectureTest {

    @ArchTest
    static final ArchRule viewModelsDoNotTouchTheSceneGraph = noClasses()
            .that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
            .allowEmptyShould(false);

    private static final String[] FEATURES = {"live", "connections", "load", "compare", "log", "target"};

    @ArchTest
    static final ArchRule featuresDoNotReachIntoEachOther = slices()
            .matching("dev.plateau.ui.(*)..")
            .that(new DescribedPredicate<>("a feature package") {
                @Override
                public boolean test(Slice slice) {
                    return List.of(FEATURES).contains(slice.getNamePart(1));
                }
            })
            .should().notDependOnEachOther();

    @ArchTest
    static final ArchRule featuresDoNotUseTheMainWindow = noClasses()
            .that().resideInAnyPackage(packages(FEATURES))
            .should().dependOnClassesThat().resideInAPackage("dev.plateau.ui.main..");

    @ArchTest
    static final ArchRule commonWidgetsUseNoFeature = noClasses()
            .that().resideInAPackage("dev.plateau.ui.common..")
            .should().dependOnClassesThat().resideInAnyPackage(packages(FEATURES))
            .orShould().dependOnClassesThat().resideInAPackage("dev.plateau.ui.main..");

    private static String[] packages(String... features) {
        return Arrays.stream(features).map(f -> "dev.plateau.ui." + f + "..").toArray(String[]::new);
    }

    @ArchTest
    static final ArchRule lttbIsPlainJava = classes()
            .that().haveFullyQualifiedName("dev.plateau.telemetry.Lttb")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.plateau.telemetry..");
}
