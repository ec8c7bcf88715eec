package dev.consentflow.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Which configurations let the migrations run ahead of the context ({@link EarlyMigrations}). */
class EarlyMigrationsTest {

    @Test
    void withoutFlywaySettingsTheDefaultLocationIsMigratedEarly() {
        assertThat(EarlyMigrations.locations(environment(Map.of()))).containsExactly("classpath:db/migration");
    }

    @Test
    void theConfiguredLocationsAreMigratedEarly() {
        assertThat(EarlyMigrations.locations(environment(Map.of("spring.flyway.locations", "classpath:a,classpath:b"))))
                .containsExactly("classpath:a", "classpath:b");
    }

    @Test
    void anyOtherFlywaySettingLeavesTheMigrationsToTheContext() {
        assertThat(EarlyMigrations.locations(environment(Map.of("spring.flyway.baseline-on-migrate", "true"))))
                .isNull();
        StandardEnvironment variables = environment(Map.of());
        variables.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of("SPRING_FLYWAY_TABLE", "history")));
        assertThat(EarlyMigrations.locations(variables)).isNull();
    }

    @Test
    void theSwitchTurnsTheEarlyMigrationsOff() {
        assertThat(EarlyMigrations.locations(environment(Map.of(EarlyMigrations.PROPERTY, "false")))).isNull();
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }
}
