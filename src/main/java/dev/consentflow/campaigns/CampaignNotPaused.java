package dev.consentflow.campaigns;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Only a PAUSED campaign can be resumed: {@code 409}, the message as the problem's detail. */
@ResponseStatus(HttpStatus.CONFLICT)
public class CampaignNotPaused extends RuntimeException {

    public CampaignNotPaused(String message) {
        super(message);
    }
}
