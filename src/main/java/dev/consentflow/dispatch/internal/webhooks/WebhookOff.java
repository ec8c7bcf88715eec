package dev.consentflow.dispatch.internal.webhooks;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A provider this deployment has no verification settings for: its webhook does not exist here. */
@ResponseStatus(HttpStatus.NOT_FOUND)
class WebhookOff extends RuntimeException {

    WebhookOff(String provider) {
        super("The " + provider + " webhook is not configured on this server");
    }
}
