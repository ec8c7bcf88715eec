package dev.consentflow.accounts.internal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Method security enforces {@code @PreAuthorize} only ({@link PreAuthorizeAdvisor}): an annotation of another kind
 * would be silently ignored, so none may be used.
 */
@AnalyzeClasses(packages = "dev.consentflow", importOptions = ImportOption.DoNotIncludeTests.class)
class MethodSecurityTest {

    private static final String[] NOT_ENFORCED = {
        "org.springframework.security.access.prepost.PreFilter",
        "org.springframework.security.access.prepost.PostAuthorize",
        "org.springframework.security.access.prepost.PostFilter",
        "org.springframework.security.access.annotation.Secured",
        "jakarta.annotation.security.RolesAllowed",
        "jakarta.annotation.security.PermitAll",
        "jakarta.annotation.security.DenyAll",
    };

    @ArchTest
    static final ArchRule noOtherMethodSecurityOnMethods = rule(true);

    @ArchTest
    static final ArchRule noOtherMethodSecurityOnClasses = rule(false);

    private static ArchRule rule(boolean methods) {
        var methodRule = noMethods().should().beMetaAnnotatedWith(NOT_ENFORCED[0]);
        var classRule = noClasses().should().beMetaAnnotatedWith(NOT_ENFORCED[0]);
        for (int i = 1; i < NOT_ENFORCED.length; i++) {
            methodRule = methodRule.orShould().beMetaAnnotatedWith(NOT_ENFORCED[i]);
            classRule = classRule.orShould().beMetaAnnotatedWith(NOT_ENFORCED[i]);
        }
        String because = "method security enforces @PreAuthorize only (PreAuthorizeAdvisor)";
        return methods ? methodRule.because(because) : classRule.because(because);
    }
}
