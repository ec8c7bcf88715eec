package dev.consentflow.engine.internal;

import java.security.SecureRandom;
import java.util.Base64;
import org.operaton.bpm.engine.AuthorizationService;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.authorization.Authorization;
import org.operaton.bpm.engine.authorization.Groups;
import org.operaton.bpm.engine.authorization.Permissions;
import org.operaton.bpm.engine.authorization.Resource;
import org.operaton.bpm.engine.authorization.Resources;
import org.operaton.bpm.engine.identity.Group;
import org.operaton.bpm.engine.identity.User;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Creates the web apps' administrator on first start. A configured password makes the user as soon as the
 * engine is built; a generated one only once the server has started ({@link ApplicationReadyEvent}), and is
 * printed then, once: a start that fails on its way does not use it up unseen. An existing user is never changed.
 */
@Component
class EngineAdministrator extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(EngineAdministrator.class);

    private final String userId;
    private final String configuredPassword;
    private volatile ProcessEngine engine;

    EngineAdministrator(@Value("${consentflow.engine.admin-user}") String userId,
                        @Value("${consentflow.engine.admin-password}") String configuredPassword) {
        this.userId = userId;
        this.configuredPassword = configuredPassword;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        this.engine = engine;
        if (!generated()) {
            create(engine, configuredPassword);
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        if (generated() && engine != null) {
            create(engine, randomPassword());
        }
    }

    private boolean generated() {
        return configuredPassword == null || configuredPassword.isBlank();
    }

    private void create(ProcessEngine engine, String password) {
        IdentityService identity = engine.getIdentityService();
        if (identity.createUserQuery().userId(userId).count() > 0) {
            return;
        }
        User user = identity.newUser(userId);
        user.setFirstName("Consentflow");
        user.setLastName("Administrator");
        user.setPassword(password);
        identity.saveUser(user);
        ensureAdminGroup(identity, engine.getAuthorizationService());
        identity.createMembership(userId, Groups.OPERATON_ADMIN);
        if (generated()) {
            log.warn("Created the web apps' administrator '{}' with the generated password {} (shown once; "
                    + "set CONSENTFLOW_ENGINE_ADMIN_PASSWORD to choose it)", userId, password);
        } else {
            log.info("Created the web apps' administrator '{}'", userId);
        }
    }

    private static void ensureAdminGroup(IdentityService identity, AuthorizationService authorizations) {
        if (identity.createGroupQuery().groupId(Groups.OPERATON_ADMIN).count() == 0) {
            Group group = identity.newGroup(Groups.OPERATON_ADMIN);
            group.setName("Operaton administrators");
            group.setType(Groups.GROUP_TYPE_SYSTEM);
            identity.saveGroup(group);
        }
        for (Resource resource : Resources.values()) {
            boolean granted = authorizations.createAuthorizationQuery()
                    .groupIdIn(Groups.OPERATON_ADMIN).resourceType(resource).resourceId("*").count() > 0;
            if (!granted) {
                Authorization all = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
                all.setGroupId(Groups.OPERATON_ADMIN);
                all.setResource(resource);
                all.setResourceId("*");
                all.addPermission(Permissions.ALL);
                authorizations.saveAuthorization(all);
            }
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
