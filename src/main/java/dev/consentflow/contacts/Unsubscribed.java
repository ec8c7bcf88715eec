package dev.consentflow.contacts;

import java.util.List;

/**
 * What an unsubscribe changed.
 *
 * @param subscriberId the person
 * @param lists        the lists that became UNSUBSCRIBED now; empty when nothing changed (already unsubscribed,
 *                     or the person was erased)
 * @param permission   the person's permission afterwards: UNSUBSCRIBED once no list is confirmed or pending
 */
public record Unsubscribed(SubscriberId subscriberId, List<ListInfo> lists, Permission permission) {

    public Unsubscribed {
        lists = List.copyOf(lists);
    }

    public boolean changed() {
        return !lists.isEmpty();
    }
}
