package dev.consentflow.contacts;

import dev.consentflow.dispatch.Channel;
import java.util.Map;

/**
 * A request to subscribe one person to one list, already validated by the caller (address syntax, E.164,
 * list exists, fields allowed).
 *
 * @param email   the address (required for EMAIL)
 * @param mobile  the E.164 number (required for SMS)
 * @param channel how the person confirms and is reached on this list
 * @param listKey the list
 * @param fields  custom field values ({@code firstName}…), encrypted at rest
 * @param source  where the card comes from when it is new
 * @param evidence when, from where and through what the person asked
 */
public record Signup(String email, String mobile, Channel channel, String listKey, Map<String, String> fields,
                     Source source, ConsentEvidence evidence) {
}
