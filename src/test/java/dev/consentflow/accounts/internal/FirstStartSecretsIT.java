package dev.consentflow.accounts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.consentflow.ConsentflowApplication;
import dev.consentflow.engine.internal.TestDatabases;
import dev.consentflow.support.Api;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.spring.boot.starter.webapp.filter.LazyInitRegistration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The generated first-start keys and admin password are created and printed only once the server has started:
 * a first start that fails on its way (here: its HTTP port is taken) leaves none behind, unseen, and the next
 * start that succeeds creates and prints them.
 */
@ExtendWith(OutputCaptureExtension.class)
class FirstStartSecretsIT {

    private static final Pattern ADMIN_KEY = Pattern.compile("Generated the ADMIN key of the default account: (cf_\\S+)");
    private static final Pattern OPERATOR_KEY = Pattern.compile("Generated the platform OPERATOR key: (cf_\\S+)");
    private static final Pattern PASSWORD = Pattern.compile("with the generated password (\\S+)");

    @Test
    void aFailedFirstStartUsesUpNoGeneratedSecretAndTheNextStartPrintsThem(CapturedOutput output) throws IOException {
        String external = System.getenv("SPRING_DATASOURCE_URL");
        assumeTrue(external == null || external.isBlank(), "chooses its own embedded database");
        String database = "first_start_" + ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L);
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(TestDatabases.jdbcUrl(database),
                TestDatabases.username(), TestDatabases.password()));

        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            assertThatThrownBy(() -> start(database, taken.getLocalPort()).close()).isNotNull();
        }
        forgetFailedContextOfOperatonsWebapps();

        assertThat(jdbc.sql("select count(*) from accounts_api_key where name like 'bootstrap-%'")
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from act_id_user").query(Long.class).single()).isZero();
        assertThat(output.getAll()).doesNotContain("Generated the").doesNotContain("generated password");

        try (ConfigurableApplicationContext server = start(database, 0)) {
            Api api = Api.at(((WebServerApplicationContext) server).getWebServer().getPort());
            String admin = found(ADMIN_KEY, output);
            assertThat(api.as(admin).get("/api/accounts/current").json().get("name").asText()).isEqualTo("default");
            assertThat(api.as(found(OPERATOR_KEY, output)).get("/api/audit/verify").status()).isEqualTo(200);
            assertThat(server.getBean(ProcessEngine.class).getIdentityService()
                    .checkPassword("admin", found(PASSWORD, output))).isTrue();
        }
    }

    private static ConfigurableApplicationContext start(String database, int port) {
        return new SpringApplicationBuilder(ConsentflowApplication.class).profiles("test").run(
                "--server.port=" + port,
                "--consentflow.embedded-postgres.database=" + database,
                "--consentflow.bootstrap.admin-key=",
                "--consentflow.bootstrap.operator-key=",
                "--consentflow.engine.admin-password=");
    }

    /**
     * Operaton's web-app starter keeps the application context in a static field that a failed refresh never
     * clears (no ContextClosedEvent), so a second server in the same JVM would initialise its filters from the
     * dead one. A production JVM starts one server only.
     */
    private static void forgetFailedContextOfOperatonsWebapps() {
        try {
            Field context = LazyInitRegistration.class.getDeclaredField("applicationContext");
            context.setAccessible(true);
            context.set(null, null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String found(Pattern pattern, CapturedOutput output) {
        Matcher matcher = pattern.matcher(output.getAll());
        assertThat(matcher.find()).as(pattern.pattern()).isTrue();
        return matcher.group(1);
    }
}
