package dev.consentflow.engine.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ProcessEngineException;
import org.operaton.bpm.engine.impl.db.DbEntity;

class CheapEntityIdCheckTest {

    private final CheapEntityIdCheck.Manager manager = new CheapEntityIdCheck.Manager(null, null);

    @Test
    void anEntityWithAnIdPassesWithoutItsTextBeingBuilt() {
        DbEntity entity = entity("4711");
        when(entity.toString()).thenThrow(new AssertionError("the entity's text was built"));
        assertThatCode(() -> manager.validateId(entity)).doesNotThrowAnyException();
    }

    @Test
    void anEntityWithoutAnIdOrWithTheReservedOneIsRefusedWithTheEnginesMessage() {
        for (String id : Arrays.asList(null, "*")) {
            DbEntity entity = entity(id);
            when(entity.toString()).thenReturn("TimerEntity[x]");
            assertThatThrownBy(() -> manager.validateId(entity)).isInstanceOf(ProcessEngineException.class)
                    .hasMessageContaining("Entity TimerEntity[x] has an invalid id");
        }
    }

    private static DbEntity entity(String id) {
        DbEntity entity = mock(DbEntity.class);
        when(entity.getId()).thenReturn(id);
        return entity;
    }
}
