package dev.consentflow;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.stereotype.Controller;

/** The rules of STYLE.md that a compiler does not check. */
@AnalyzeClasses(packages = "dev.consentflow", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule mailStaysInDispatch = noClasses()
            .that().resideOutsideOfPackage("dev.consentflow.dispatch..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.mail..", "org.eclipse.angus..",
                    "com.icegreen..", "org.springframework.mail..")
            .because("only the dispatch module talks to SMTP relays");

    @ArchTest
    static final ArchRule poiStaysInPrivacyAndImports = noClasses()
            .that().resideOutsideOfPackages("dev.consentflow.privacy..", "dev.consentflow.imports..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.poi..")
            .because("spreadsheets are read by imports and written by privacy exports only");

    @ArchTest
    static final ArchRule engineApiStaysInDelegatesAndEngine = noClasses()
            .that().resideOutsideOfPackage("dev.consentflow.engine..")
            .and().haveSimpleNameNotEndingWith("Delegate")
            .and().haveSimpleNameNotEndingWith("Listener")
            .should().dependOnClassesThat().resideInAnyPackage("org.operaton..")
            .because("processes are started and correlated through the engine module's facade");

    @ArchTest
    static final ArchRule delegatesLiveInInternal = classes()
            .that().haveSimpleNameEndingWith("Delegate")
            .should().resideInAPackage("..internal..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule controllersLiveInInternal = classes()
            .that().areAnnotatedWith(RestController.class).or().areAnnotatedWith(Controller.class)
            .should().resideInAPackage("..internal..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule noLayerPackages = noClasses()
            .should().resideInAnyPackage("..common..", "..util..", "..utils..", "..service..", "..dto..",
                    "..model..")
            .because("code is packaged by capability, not by layer");

    @ArchTest
    static final ArchRule constructorInjectionOnly = fields()
            .should().notBeAnnotatedWith(Autowired.class)
            .because("dependencies come through the constructor");
}
