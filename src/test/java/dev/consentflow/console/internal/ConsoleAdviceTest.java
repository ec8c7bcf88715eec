package dev.consentflow.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.method.HandlerTypePredicate;

class ConsoleAdviceTest {

    private final ControllerAdvice advice = ConsoleAdvice.class.getAnnotation(ControllerAdvice.class);

    /** A new console page marked {@link ConsolePage} but not named by the advice would render without its frame. */
    @Test
    void theAdviceNamesExactlyThePagesMarkedConsolePage() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConsolePage.class));
        List<String> marked = scanner.findCandidateComponents("dev.consentflow").stream()
                .map(BeanDefinition::getBeanClassName).sorted().toList();
        assertThat(marked).hasSizeGreaterThan(10);
        assertThat(Arrays.stream(advice.assignableTypes()).map(Class::getName).sorted().toList())
                .isEqualTo(marked);
        assertThat(advice.annotations()).isEmpty();
        assertThat(advice.basePackages()).isEmpty();
        assertThat(advice.basePackageClasses()).isEmpty();
        assertThat(advice.value()).isEmpty();
    }

    @Test
    void itAppliesToTheConsolePagesAndToNoOtherController() {
        HandlerTypePredicate applies = HandlerTypePredicate.builder().assignableType(advice.assignableTypes()).build();
        assertThat(applies.test(PeoplePage.class)).isTrue();
        assertThat(applies.test(RecordPage.class)).isTrue();
        assertThat(applies.test(UserController.class)).isFalse();
        assertThat(applies.test(ConsoleAdvice.class)).isFalse();
        assertThat(applies.test(Object.class)).isFalse();
    }
}
