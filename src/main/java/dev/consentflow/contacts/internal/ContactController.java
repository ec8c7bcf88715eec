package dev.consentflow.contacts.internal;

import dev.consentflow.contacts.CardView;
import com.fasterxml.jackson.annotation.JsonSetter;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.consent.AuditTrail;
import dev.consentflow.consent.TimelineEntry;
import dev.consentflow.contacts.CustomFields;
import dev.consentflow.contacts.MobileNumber;
import dev.consentflow.dispatch.DeliveryHistory;
import dev.consentflow.dispatch.SentMessage;
import dev.consentflow.web.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** API.md sections 5 and 6: contact cards, lookups by full address, changes, and a person's audit trail. */
@RestController
class ContactController {

    private static final String READERS = "hasAnyRole('ADMIN', 'MARKETER', 'COMPLIANCE', 'OPERATOR')";
    private static final String WRITERS = "hasAnyRole('ADMIN', 'MARKETER', 'COMPLIANCE')";

    private final ContactCards cards;
    private final AuditTrail audit;
    private final DeliveryHistory deliveries;

    ContactController(ContactCards cards, AuditTrail audit, DeliveryHistory deliveries) {
        this.cards = cards;
        this.audit = audit;
        this.deliveries = deliveries;
    }

    @GetMapping("/api/contacts/{id}")
    @PreAuthorize(READERS)
    CardView card(@PathVariable UUID id, @AuthenticationPrincipal Caller caller) {
        return cards.read(caller, id);
    }

    /** Exact lookup by a full address or E.164 number; an operator names the account. */
    @GetMapping("/api/contacts")
    @PreAuthorize(READERS)
    List<CardView> search(@RequestParam(required = false) String email, @RequestParam(required = false) String mobile,
                          @RequestParam(required = false) UUID account, @AuthenticationPrincipal Caller caller) {
        if ((email == null) == (mobile == null)) {
            throw new InvalidInputException(email == null ? "email" : "mobile",
                    "give either a full email address or a full mobile number");
        }
        return cards.search(caller, caller.readScope(account), email, mobile);
    }

    @PatchMapping("/api/contacts/{id}")
    @PreAuthorize(WRITERS)
    CardView change(@PathVariable UUID id, @RequestBody ChangeRequest request, @AuthenticationPrincipal Caller caller) {
        Map<String, String> fields = CustomFields.check("fields", request.fields);
        MobileNumber mobile = request.mobile == null || request.mobile.isBlank() ? null
                : MobileNumber.parseField("mobile", request.mobile);
        return cards.change(caller, id, new CardChange(fields, request.mobileGiven, mobile, null));
    }

    @GetMapping("/api/contacts/{id}/audit")
    @PreAuthorize("hasAnyRole('ADMIN', 'COMPLIANCE')")
    List<Object> audit(@PathVariable UUID id, @AuthenticationPrincipal Caller caller) {
        boolean tombstone = cards.requireVisible(caller, id);
        AccountId account = caller.requireAccount();
        List<TimelineEntry> entries = audit.timelineOf(account, id);
        List<SentMessage> messages = deliveries.of(account, id);
        if (messages.isEmpty()) {
            return List.copyOf(entries);
        }
        // Both are oldest first: merged by time, the audit's and the engine's entries first at the same instant.
        List<Object> merged = new ArrayList<>(entries.size() + messages.size());
        int m = 0;
        for (TimelineEntry entry : entries) {
            while (m < messages.size() && messages.get(m).finishedAt().isBefore(entry.at())) {
                merged.add(DeliveryEntry.of(messages.get(m++), tombstone));
            }
            merged.add(entry);
        }
        while (m < messages.size()) {
            merged.add(DeliveryEntry.of(messages.get(m++), tombstone));
        }
        return merged;
    }

    /**
     * {@code {"fields": {...}, "mobile": "..."}}: fields to set (null removes one); a mobile number, or null or
     * an empty string to remove it. A class rather than a record, to tell an absent mobile from a null one.
     */
    static final class ChangeRequest {
        private Map<String, String> fields;
        private String mobile;
        private boolean mobileGiven;

        public void setFields(Map<String, String> fields) {
            this.fields = fields;
        }

        @JsonSetter("mobile")
        public void setMobile(String mobile) {
            this.mobile = mobile;
            this.mobileGiven = true;
        }
    }
}
