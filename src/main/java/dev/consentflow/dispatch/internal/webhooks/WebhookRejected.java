package dev.consentflow.dispatch.internal.webhooks;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A post that is not signed, or not signed by the provider: 401, and nothing changes. */
@ResponseStatus(HttpStatus.UNAUTHORIZED)
class WebhookRejected extends RuntimeException {

    WebhookRejected(String detail) {
        super(detail);
    }
}
