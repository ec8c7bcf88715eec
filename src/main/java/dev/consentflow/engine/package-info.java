/**
 * The runtime platform: the database (an embedded PostgreSQL when no URL is configured), the Operaton
 * engine's configuration, the deployment of {@code processes/} and {@code forms/}, history time-to-live and
 * cleanup, and the engine web apps' administrator.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Engine")
package dev.consentflow.engine;
