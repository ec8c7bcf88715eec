package dev.consentflow.contacts;

import dev.consentflow.dispatch.Channel;
import java.time.Instant;
import java.util.List;

/**
 * A chunk of an import file for {@link ContactImports}.
 *
 * @param listKey     the list the rows go to
 * @param channel     EMAIL (the {@code email} column identifies the person) or SMS (the {@code mobile} column does)
 * @param confirmed   true when the account holds the consent (the rows become CONFIRMED at once); false when each
 *                    new row must confirm through a double opt-in, which the caller starts for the rows answered
 *                    {@link ImportOutcome.Kind#NEEDS_CONFIRMATION}
 * @param at          when the import was made: the consent evidence's time
 * @param integration what brought the rows, kept as the subscriptions' integration ({@code import:<id>})
 * @param rows        the rows, in the file's order
 */
public record ImportBatch(String listKey, Channel channel, boolean confirmed, Instant at, String integration,
                          List<ImportRow> rows) {
}
