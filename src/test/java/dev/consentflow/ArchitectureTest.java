package dev.consentflow;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.stereotype.Component;
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

    /** What a facade or its implementation is never named: the name of a layer or a pattern, not of a capability. */
    private static final String LAYER_NAME = ".*(Management|Manager|Service|Facade|Impl)";

    private static final Pattern MODULE_ROOT = Pattern.compile("dev\\.consentflow\\.[a-z]+");

    /**
     * A facade: a public interface in a module's root that a bean (a {@code @Component}, {@code @Service},
     * controller...) of the same module's {@code internal} package implements.
     */
    private static final DescribedPredicate<JavaClass> FACADES = DescribedPredicate.describe(
            "are facades (public interfaces in a module's root implemented by a bean of its internal package)",
            ArchitectureTest::isFacade);

    private static final DescribedPredicate<JavaClass> FACADE_IMPLEMENTATIONS = DescribedPredicate.describe(
            "implement a facade", type -> type.getAllRawInterfaces().stream().anyMatch(
                    facade -> isFacade(facade) && implementsIn(facade, type)));

    @ArchTest
    static final ArchRule facadesAreNamedAsCapabilities = classes()
            .that(FACADES)
            .should().haveNameNotMatching(LAYER_NAME)
            .because("a facade is named as the capability it offers, a plural noun or a role (Accounts, "
                    + "MailingLists, Subscribers, Processors), as the README's Layout says");

    @ArchTest
    static final ArchRule facadeImplementationsAreInternalAndNamedForHowTheyWork = classes()
            .that(FACADE_IMPLEMENTATIONS)
            .should().haveNameNotMatching(LAYER_NAME)
            .andShould().notBePublic()
            .andShould(notShareTheirFacadesName())
            .because("the class behind a facade is a package-private bean named for how it does the work "
                    + "(ListStatistics behind MailingLists, OutboxDispatch behind Dispatch)");

    private static boolean isFacade(JavaClass type) {
        return type.isInterface() && type.getModifiers().contains(JavaModifier.PUBLIC)
                && MODULE_ROOT.matcher(type.getPackageName()).matches()
                && type.getAllSubclasses().stream().anyMatch(implementation -> implementsIn(type, implementation));
    }

    private static boolean implementsIn(JavaClass facade, JavaClass implementation) {
        return !implementation.isInterface()
                && implementation.getPackageName().startsWith(facade.getPackageName() + ".internal")
                && implementation.isMetaAnnotatedWith(Component.class);
    }

    private static ArchCondition<JavaClass> notShareTheirFacadesName() {
        return new ArchCondition<>("not share the simple name of a facade they implement") {
            @Override
            public void check(JavaClass implementation, ConditionEvents events) {
                implementation.getAllRawInterfaces().stream()
                        .filter(facade -> facade.getSimpleName().equals(implementation.getSimpleName()))
                        .forEach(facade -> events.add(SimpleConditionEvent.violated(implementation,
                                implementation.getName() + " is named as its facade " + facade.getName())));
            }
        };
    }
}
