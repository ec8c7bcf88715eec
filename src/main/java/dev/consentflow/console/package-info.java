/**
 * The console at {@code /app}: the account's people (users with a role, invited by mail, signing in with a
 * password) and the server-rendered pages through which they do their work, on the other modules' facades. Every
 * action a person takes here is audited with the person as actor ({@code user:<id>}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Console",
        allowedDependencies = {"accounts", "brands", "campaigns", "consent", "contacts", "dispatch", "engine", "imports", "keys",
                "privacy",                 "subscription", "web"})
package dev.consentflow.console;
