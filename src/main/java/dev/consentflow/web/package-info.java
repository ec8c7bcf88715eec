/**
 * The HTTP contract shared by every module: RFC 9457 problem answers for every error, the exceptions that
 * modules throw to produce them, request size limits, security headers and the client address behind
 * trusted proxies.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web",
        allowedDependencies = {})
package dev.consentflow.web;
