package dev.consentflow.campaigns;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The campaign was sent already; a campaign is sent once: {@code 409}, the message as the problem's detail. */
@ResponseStatus(HttpStatus.CONFLICT)
public class CampaignAlreadySent extends RuntimeException {

    public CampaignAlreadySent(String message) {
        super(message);
    }
}
