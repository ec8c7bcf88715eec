package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.AddressTaken;
import dev.consentflow.contacts.ContactAlreadyErased;
import dev.consentflow.contacts.ConsentEvidence;
import dev.consentflow.contacts.ContactImports;
import dev.consentflow.contacts.ImportBatch;
import dev.consentflow.contacts.ImportOutcome.Kind;
import dev.consentflow.contacts.ImportOutcome;
import dev.consentflow.contacts.ImportRow;
import dev.consentflow.contacts.Signup;
import dev.consentflow.contacts.Source;
import dev.consentflow.contacts.SubscriptionStatus;
import dev.consentflow.contacts.internal.ImportTables.FoundCard;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.web.InvalidInputException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link ContactImports}: a chunk of rows checked with the API's rules ({@link ImportRowCheck}), the chunk's
 * address locks taken in one statement, its cards and subscriptions looked up with one query each, the new cards
 * sealed in Java and written with JDBC batches. Known cards go through the same {@link CardEditor} as the API, one
 * by one (a second import of a file meets only known cards, and changes nothing).
 */
@Service
class BatchImport implements ContactImports {

    static final String ERASED = ContactImports.ERASED;
    static final String UNSUBSCRIBED = "unsubscribed from this list: an import never subscribes anybody again";
    static final String BOUNCED = "bounced on this list: an import never subscribes anybody again";
    static final String TAKEN = "another contact of this account has it";

    private final Lists lists;
    private final Cards cards;
    private final BlindIndex index;
    private final ImportTables tables;
    private final CardEditor editor;
    private final ContactRepository contacts;
    private final SubscriptionRepository subscriptions;
    private final ContactAudit audit;
    private final dev.consentflow.keys.AccountKeys keys;

    BatchImport(Lists lists, Cards cards, BlindIndex index, ImportTables tables, CardEditor editor,
                ContactRepository contacts, SubscriptionRepository subscriptions, ContactAudit audit,
                dev.consentflow.keys.AccountKeys keys) {
        this.keys = keys;
        this.lists = lists;
        this.cards = cards;
        this.index = index;
        this.tables = tables;
        this.editor = editor;
        this.contacts = contacts;
        this.subscriptions = subscriptions;
        this.audit = audit;
    }

    /**
     * The CPU work of a chunk, before its transaction: every row checked, its blind indexes computed, and a sealed
     * card made for every row that may be new (a confirmed import), so the writing transaction only looks up,
     * decides and copies. A short read-only transaction keeps the account's key version fixed while sealing.
     */
    @Override
    @Transactional(readOnly = true)
    public Prepared prepare(AccountId account, ImportBatch batch) {
        ImportOutcome[] rejected = new ImportOutcome[batch.rows().size()];
        List<ImportRowCheck> checked = new ArrayList<>();
        Map<ImportRowCheck, Contact> sealed = new IdentityHashMap<>();
        for (int i = 0; i < batch.rows().size(); i++) {
            ImportRow row = batch.rows().get(i);
            ImportRowCheck check = ImportRowCheck.of(row, batch.channel(), account, index);
            if (check.rejection() != null) {
                rejected[i] = check.rejection();
            } else {
                check.position = i;
                checked.add(check);
                if (batch.confirmed()) {
                    sealed.put(check, cards.sealNew(account, check.email(), check.emailIndex(), check.mobile(),
                            check.mobileIndex(), check.fields(), Source.IMPORT));
                }
            }
        }
        return new PreparedChunk(account, batch, rejected, checked, sealed);
    }

    @Override
    @Transactional
    public List<ImportOutcome> importBatch(AccountId account, Prepared prepared) {
        if (!(prepared instanceof PreparedChunk ready) || !ready.account().equals(account)) {
            throw new IllegalArgumentException("a chunk prepared by this module for this account");
        }
        ImportBatch batch = ready.batch();
        MailingList list = lists.require(account, "list", batch.listKey());
        Chunk chunk = new Chunk(account, batch, list, ready.sealed());
        System.arraycopy(ready.rejected(), 0, chunk.outcomes, 0, chunk.outcomes.length);
        List<ImportRowCheck> checked = ready.checked();
        if (!checked.isEmpty()) {
            chunk.lookUp(checked);
            checked.forEach(chunk::decide);
            chunk.write();
        }
        return Arrays.asList(chunk.outcomes);
    }

    /** A chunk checked and sealed by {@link #prepare}, for {@link #importBatch(AccountId, Prepared)}. */
    private record PreparedChunk(AccountId account, ImportBatch batch, ImportOutcome[] rejected,
                                 List<ImportRowCheck> checked, Map<ImportRowCheck, Contact> sealed)
            implements Prepared {
        @Override
        public Set<Long> addressLocks() {
            Set<Long> locks = new HashSet<>();
            for (ImportRowCheck c : checked) {
                locks.add(c.lockKey());
                if (c.other() != null) {
                    // Not locked, but two chunks giving one mobile number (or email) to two people meet here too.
                    locks.add(c.other().getLong(0));
                }
            }
            return locks;
        }
    }

    /** The work of one chunk: what was found, what is new, and the outcome of every row. */
    private final class Chunk {

        private final AccountId account;
        private final ImportBatch batch;
        private final MailingList list;
        private final ConsentEvidence evidence;
        private final ImportOutcome[] outcomes;
        private final Map<ByteBuffer, FoundCard> newest = new HashMap<>();
        private final Map<ByteBuffer, UUID> liveOthers = new HashMap<>();
        /** Extra addresses (a mail import's mobile numbers) only tombstones have: erased, see {@link ExtraAddress}. */
        private final Set<ByteBuffer> erasedOthers = new HashSet<>();
        private Map<UUID, SubscriptionStatus> statuses = new HashMap<>();
        private final Map<ByteBuffer, ImportRowCheck> newCards = new LinkedHashMap<>();
        private final Map<ByteBuffer, ByteBuffer> newOthers = new HashMap<>();
        private final Set<ByteBuffer> requested = new HashSet<>();
        private final List<Subscription> newSubscriptions = new ArrayList<>();
        /** The cards sealed before the transaction, by their row's check (a merged row is sealed anew). */
        private final Map<ImportRowCheck, Contact> sealed;

        Chunk(AccountId account, ImportBatch batch, MailingList list, Map<ImportRowCheck, Contact> sealed) {
            this.sealed = sealed;
            this.account = account;
            this.batch = batch;
            this.list = list;
            this.evidence = new ConsentEvidence(batch.at(), null, null, null, null, null);
            this.outcomes = new ImportOutcome[batch.rows().size()];
        }

        private boolean byEmail() {
            return batch.channel() == Channel.EMAIL;
        }

        void lookUp(List<ImportRowCheck> checked) {
            tables.lock(checked.stream().map(ImportRowCheck::lockKey).distinct().sorted().toList());
            Map<ByteBuffer, ByteBuffer> candidateOf = new HashMap<>();
            Map<ByteBuffer, ByteBuffer> otherCandidateOf = new HashMap<>();
            for (ImportRowCheck c : checked) {
                c.identityCandidates().forEach(k -> candidateOf.put(ByteBuffer.wrap(k), c.identity()));
                if (c.other() != null) {
                    c.otherCandidates().forEach(k -> otherCandidateOf.put(ByteBuffer.wrap(k), c.other()));
                }
            }
            for (FoundCard card : tables.cards(account.value(), byEmail(), bytes(candidateOf.keySet()))) {
                newest.putIfAbsent(candidateOf.get(card.index()), card);
            }
            for (FoundCard card : tables.cards(account.value(), !byEmail(), bytes(otherCandidateOf.keySet()))) {
                if (!card.erased()) {
                    liveOthers.putIfAbsent(otherCandidateOf.get(card.index()), card.id());
                } else {
                    erasedOthers.add(otherCandidateOf.get(card.index()));
                }
            }
            statuses = tables.subscriptions(list.id(), newest.values().stream().filter(c -> !c.erased())
                    .map(FoundCard::id).toList());
        }

        void decide(ImportRowCheck c) {
            FoundCard card = newest.get(c.identity());
            outcomes[c.position] = card == null ? unknown(c)
                    : card.erased() ? ImportOutcome.rejected(c.row(), c.identityField(), ERASED)
                    : known(c, card.id());
        }

        private ImportOutcome unknown(ImportRowCheck c) {
            if (!batch.confirmed()) {
                return requested.add(c.identity()) ? ImportOutcome.toConfirm(c.row(), signup(c))
                        : ImportOutcome.of(c.row(), Kind.UNCHANGED);
            }
            ImportRowCheck earlier = newCards.get(c.identity());
            if (earlier != null) {
                return repeated(earlier, c);
            }
            if (c.other() != null && otherTaken(c.other(), c.identity())) {
                return ImportOutcome.rejected(c.row(), c.otherField(), TAKEN);
            }
            if (c.other() != null && otherErased(c.other())) {
                return ImportOutcome.rejected(c.row(), c.otherField(), ERASED);
            }
            newCards.put(c.identity(), c);
            if (c.other() != null) {
                newOthers.put(c.other(), c.identity());
            }
            return ImportOutcome.of(c.row(), Kind.IMPORTED);
        }

        /** The address came on an earlier row of this chunk: its values are merged into that new card. */
        private ImportOutcome repeated(ImportRowCheck earlier, ImportRowCheck c) {
            ImportRowCheck merged = earlier.mergedWith(c);
            if (merged == earlier) {
                return ImportOutcome.of(c.row(), Kind.UNCHANGED);
            }
            if (merged.other() != null && !merged.other().equals(earlier.other())
                    && otherTaken(merged.other(), c.identity())) {
                return ImportOutcome.rejected(c.row(), c.otherField(), TAKEN);
            }
            if (merged.other() != null && !merged.other().equals(earlier.other()) && otherErased(merged.other())) {
                return ImportOutcome.rejected(c.row(), c.otherField(), ERASED);
            }
            if (earlier.other() != null) {
                newOthers.remove(earlier.other());
            }
            if (merged.other() != null) {
                newOthers.put(merged.other(), c.identity());
            }
            newCards.put(c.identity(), merged);
            return ImportOutcome.of(c.row(), Kind.UPDATED);
        }

        /** As {@link ExtraAddress#ERASED}: only a tombstone has it, no live card. */
        private boolean otherErased(ByteBuffer other) {
            return erasedOthers.contains(other) && !liveOthers.containsKey(other);
        }

        private boolean otherTaken(ByteBuffer other, ByteBuffer identity) {
            ByteBuffer holder = newOthers.get(other);
            return liveOthers.containsKey(other) || (holder != null && !holder.equals(identity));
        }

        private ImportOutcome known(ImportRowCheck c, UUID cardId) {
            SubscriptionStatus status = statuses.get(cardId);
            if (status == SubscriptionStatus.UNSUBSCRIBED) {
                return ImportOutcome.rejected(c.row(), c.identityField(), UNSUBSCRIBED);
            }
            if (status == SubscriptionStatus.BOUNCED) {
                return ImportOutcome.rejected(c.row(), c.identityField(), BOUNCED);
            }
            if (batch.confirmed() && c.other() != null && newOthers.containsKey(c.other())) {
                return ImportOutcome.rejected(c.row(), c.otherField(), TAKEN);
            }
            if (!batch.confirmed()) {
                // As a signup: a pending requester has not proven yet that they are the person, so the card stays.
                return status == null && requested.add(c.identity()) ? ImportOutcome.toConfirm(c.row(), signup(c))
                        : ImportOutcome.of(c.row(), Kind.UNCHANGED);
            }
            boolean changed;
            try {
                changed = change(cardId, c);
            } catch (AddressTaken e) {
                return ImportOutcome.rejected(c.row(), c.otherField(), TAKEN);
            } catch (ContactAlreadyErased e) {
                return ImportOutcome.rejected(c.row(), c.otherField(), ERASED);
            } catch (InvalidInputException e) {
                InvalidInputException.FieldProblem problem = e.errors().get(0);
                return ImportOutcome.rejected(c.row(), problem.field(), problem.message());
            }
            Instant now = Cards.now();
            if (status == null) {
                newSubscriptions.add(Subscription.requested(account.value(), cardId, list.id(), batch.channel(),
                        Source.IMPORT, evidence, batch.integration(), now).confirmed(evidence, now));
                statuses.put(cardId, SubscriptionStatus.CONFIRMED);
                return ImportOutcome.of(c.row(), Kind.IMPORTED);
            }
            if (status == SubscriptionStatus.PENDING) {
                Subscription pending = subscriptions.findByContactIdAndListId(cardId, list.id()).orElseThrow();
                audit.confirmed(subscriptions.save(pending.confirmed(evidence, now)), list);
                statuses.put(cardId, SubscriptionStatus.CONFIRMED);
                return ImportOutcome.of(c.row(), Kind.UPDATED);
            }
            return ImportOutcome.of(c.row(), changed ? Kind.UPDATED : Kind.UNCHANGED);
        }

        /** Applies the row to a known card as the API's PATCH does; an empty cell changes nothing. */
        private boolean change(UUID cardId, ImportRowCheck c) {
            // Locked: a key rotation's re-wrap of this card waits for the change, or the change for it (#20).
            Contact contact = contacts.findLockedByIdAndAccountId(cardId, account.value()).orElseThrow();
            CardChange change = byEmail()
                    ? new CardChange(c.fields(), c.mobile() != null, c.mobile(), null)
                    : new CardChange(c.fields(), false, null, c.email());
            return editor.change(cards.open(contact), change) != contact;
        }

        private Signup signup(ImportRowCheck c) {
            return new Signup(c.email() == null ? null : c.email().value(),
                    c.mobile() == null ? null : c.mobile().value(), batch.channel(), list.key(), c.fields(),
                    Source.IMPORT, evidence);
        }

        void write() {
            List<Contact> made = new ArrayList<>(newCards.size());
            Instant now = Cards.now();
            int keyVersion = keys.currentVersion(account);
            for (ImportRowCheck c : newCards.values()) {
                Contact card = sealed.get(c);
                if (card == null || card.keyVersion() != keyVersion) {
                    // A row merged with a later one, or a key rotation began since it was sealed.
                    card = cards.sealNew(account, c.email(), c.emailIndex(), c.mobile(), c.mobileIndex(), c.fields(),
                            Source.IMPORT);
                }
                made.add(card);
                newSubscriptions.add(Subscription.requested(account.value(), card.id(), list.id(), batch.channel(),
                        Source.IMPORT, evidence, batch.integration(), now).confirmed(evidence, now));
            }
            tables.insertCards(made);
            tables.insertSubscriptions(newSubscriptions);
            for (Subscription subscription : newSubscriptions) {
                audit.subscribed(subscription, list);
                audit.confirmed(subscription, list);
            }
        }
    }

    private static List<byte[]> bytes(Set<ByteBuffer> keys) {
        return keys.stream().map(ByteBuffer::array).toList();
    }
}
