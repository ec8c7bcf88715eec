package dev.consentflow.console.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Accounts;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Shows an audit entry's actor by name: {@code user:<id>} as the user's email address, {@code <role>:<keyId>} as
 * the key's name, {@code person} and {@code system:<what>} as words. Unknown ids stay as they are.
 */
@Component
class ActorNames {

    private final ConsoleUserRepository users;
    private final Accounts accounts;

    ActorNames(ConsoleUserRepository users, Accounts accounts) {
        this.users = users;
        this.accounts = accounts;
    }

    /** A resolver for one page, remembering the names it looked up. */
    Resolver forAccount(AccountId account) {
        return new Resolver(account);
    }

    /** How a page shows one actor: a message key with an argument (a name, or the raw actor). */
    record Name(String key, String argument) {

        /** The name alone, for a column that says "by" already. */
        public String nameKey() {
            return key.replace("actor.", "actorName.");
        }
    }

    final class Resolver {

        private final AccountId account;
        private final Map<String, Name> known = new HashMap<>();

        private Resolver(AccountId account) {
            this.account = account;
        }

        public Name of(String actor) {
            return known.computeIfAbsent(actor == null ? "" : actor, this::lookUp);
        }

        private Name lookUp(String actor) {
            int colon = actor.indexOf(':');
            if (actor.equals("person")) {
                return new Name("actor.person", null);
            }
            if (colon < 0) {
                return new Name("actor.other", actor);
            }
            String kind = actor.substring(0, colon);
            String rest = actor.substring(colon + 1);
            if (kind.equals("system")) {
                return new Name("actor.system", rest);
            }
            UUID id;
            try {
                id = UUID.fromString(rest);
            } catch (IllegalArgumentException notAnId) {
                return new Name("actor.other", actor);
            }
            if (kind.equals("user")) {
                return users.findById(id).filter(u -> u.accountId().equals(account.value()))
                        .map(u -> new Name("actor.user", u.email())).orElse(new Name("actor.other", actor));
            }
            return accounts.keyName(account, id).map(name -> new Name("actor.key", name))
                    .orElse(new Name("actor.other", actor));
        }
    }
}
