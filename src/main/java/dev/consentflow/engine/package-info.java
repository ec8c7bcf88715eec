/**
 * The runtime platform: the database (an embedded PostgreSQL when no URL is configured), the Operaton
 * engine's configuration, the deployment of {@code processes/} and {@code forms/}, history time-to-live and
 * cleanup, the engine web apps' administrator, and the engine's multi-tenancy: one tenant per account, so a key
 * sees and changes only its account's instances, tasks, history, jobs and deployments through {@code /engine-rest};
 * and the limits that keep one account's flows from starving the platform's processes and other accounts' flows
 * (job priorities, jobs per minute and running instances per account).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Engine",
        allowedDependencies = {"accounts", "web"})
package dev.consentflow.engine;
