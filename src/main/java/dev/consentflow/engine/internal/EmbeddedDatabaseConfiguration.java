package dev.consentflow.engine.internal;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Fallback;

/**
 * With no {@code spring.datasource.url}, the server runs its own PostgreSQL under the data directory, so a
 * fresh checkout starts with one command. The application, Flyway and the engine share the one pool made here,
 * connected as the cluster's non-superuser role that owns the database.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedDatabaseConfiguration {

    static final String DATABASE_NAME = "[a-z][a-z0-9_]{0,62}";

    @Bean(destroyMethod = "release")
    EmbeddedPostgresCluster embeddedPostgresCluster(@Value("${consentflow.data-dir}") Path dataDir,
            @Value("${consentflow.embedded-postgres.durable:true}") boolean durable) {
        return EmbeddedPostgresCluster.acquire(dataDir.resolve("postgres"), durable);
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgresCluster cluster, @Value("${consentflow.embedded-postgres.database}") String database) {
        if (!database.matches(DATABASE_NAME)) {
            throw new IllegalArgumentException("consentflow.embedded-postgres.database must match " + DATABASE_NAME);
        }
        HikariDataSource dataSource = DataSourceBuilder.create()
                .type(HikariDataSource.class)
                .driverClassName("org.postgresql.Driver")
                .url(cluster.jdbcUrl(database))
                .username(EmbeddedPostgresCluster.ROLE)
                .password("")
                .build();
        dataSource.setPoolName("consentflow");
        return dataSource;
    }

    /**
     * Takes the migrations run on the early start's thread ({@link EarlyMigrations}) when they were this Flyway's;
     * migrates as usual otherwise. A fallback, so a test's own strategy wins.
     */
    @Bean
    @Fallback
    FlywayMigrationStrategy earlyMigrationsOrMigrate(EmbeddedPostgresCluster cluster,
            @Value("${consentflow.embedded-postgres.database}") String database) {
        return flyway -> {
            if (!EarlyMigrations.tookOver(cluster, database, flyway.getConfiguration())) {
                flyway.migrate();
            }
        };
    }
}
