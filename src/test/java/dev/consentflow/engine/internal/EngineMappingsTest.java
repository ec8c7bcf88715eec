package dev.consentflow.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.ibatis.session.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's mappings read early ({@link EngineMappings}): for the tables asked, taken once; a reading for other
 * tables or another database is not taken (the engine then reads its own). {@code EarlyMappingsIT} compares the
 * server's engine with a reading of its own.
 */
class EngineMappingsTest {

    @AfterEach
    void nothingLeftWaiting() {
        EngineMappings.take("", EngineMappings.DATABASE_TYPE);
    }

    @Test
    void theEarlyReadingIsForTheTablesAskedAndIsTakenOnce() {
        EngineMappings.readEarly("other_");

        Configuration early = EngineMappings.take("other_", EngineMappings.DATABASE_TYPE);

        assertThat(early.getMappedStatementNames()).hasSizeGreaterThan(500);
        assertThat(early.getMappedStatement("selectProperty").getBoundSql(null).getSql())
                .contains("other_ACT_GE_PROPERTY");
        assertThat(EngineMappings.take("other_", EngineMappings.DATABASE_TYPE)).isNull();
    }

    @Test
    void aReadingForAnotherDatabaseIsNotTaken() {
        EngineMappings.readEarly("");

        assertThat(EngineMappings.take("", "h2")).isNull();
        assertThat(EngineMappings.take("", EngineMappings.DATABASE_TYPE)).isNull();
    }

    @Test
    void aReadingForOtherTablesIsNotTaken() {
        EngineMappings.readEarly("other_");

        assertThat(EngineMappings.take("", EngineMappings.DATABASE_TYPE)).isNull();
        assertThat(EngineMappings.take("other_", EngineMappings.DATABASE_TYPE)).isNull();
    }
}
