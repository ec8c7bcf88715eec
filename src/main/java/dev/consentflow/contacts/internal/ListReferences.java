package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.engine.FlowReference;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** A flow's "Add to a list" task names one of the account's lists: a flow naming another is refused. */
@Component
class ListReferences implements FlowReference {

    /** The input parameter of the element template "Add to a list". */
    static final String TARGET_LIST_KEY = "targetListKey";

    private final Lists lists;

    ListReferences(Lists lists) {
        this.lists = lists;
    }

    @Override
    public String inputParameter() {
        return TARGET_LIST_KEY;
    }

    @Override
    public String noun() {
        return "list";
    }

    @Override
    public boolean exists(UUID account, String key) {
        return lists.find(new AccountId(account), key).isPresent();
    }
}
