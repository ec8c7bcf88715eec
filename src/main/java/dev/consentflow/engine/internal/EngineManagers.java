package dev.consentflow.engine.internal;

import java.util.function.Supplier;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.interceptor.Session;
import org.operaton.bpm.engine.impl.interceptor.SessionFactory;

/** Replaces one of the engine's managers (a session of a command) by a subclass of this server's. */
final class EngineManagers {

    private EngineManagers() {
    }

    /** From now on each command that asks for a manager of the type gets the one this makes. */
    static <T extends Session> void replace(ProcessEngineConfigurationImpl configuration, Class<T> type,
                                            Supplier<? extends T> manager) {
        configuration.getSessionFactories().put(type, new SessionFactory() {
            @Override
            public Class<?> getSessionType() {
                return type;
            }

            @Override
            public Session openSession() {
                return manager.get();
            }
        });
    }
}
