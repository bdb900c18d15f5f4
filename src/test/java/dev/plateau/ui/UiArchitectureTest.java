package dev.plateau.ui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** STYLE.md's JavaFX layering: view models hold state without the scene graph; LTTB stays plain Java. */
@AnalyzeClasses(packages = "dev.plateau", importOptions = ImportOption.DoNotIncludeTests.class)
class UiArchitectureTest {

    @ArchTest
    static final ArchRule viewModelsDoNotTouchTheSceneGraph = noClasses()
            .that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule lttbIsPlainJava = classes()
            .that().haveFullyQualifiedName("dev.plateau.telemetry.Lttb")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.plateau.telemetry..");
}
