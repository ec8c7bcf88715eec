package dev.consentflow.consent;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The result of walking a chain: whether it holds, how many entries it has, the hash of its head (hex), and,
 * when it does not hold, the sequence number of the first entry that is missing, changed or out of place.
 */
public record ChainVerification(boolean valid, long entries, String head,
                                @JsonInclude(JsonInclude.Include.NON_NULL) Long firstBrokenSeq) {
}
