package dev.consentflow.console.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Accounts;
import dev.consentflow.dispatch.StaffMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The invitation mail, in Danish and in English (the person has chosen no language yet). A relay failure is
 * logged, not thrown: the user exists, and an ADMIN can remove and invite again.
 */
@Component
class InvitationMail {

    private static final Logger log = LoggerFactory.getLogger(InvitationMail.class);

    private final StaffMail mail;
    private final Accounts accounts;
    private final String publicUrl;

    InvitationMail(StaffMail mail, Accounts accounts, @Value("${consentflow.public-url}") String publicUrl) {
        this.mail = mail;
        this.accounts = accounts;
        this.publicUrl = publicUrl;
    }

    void send(AccountId account, String to, String token) {
        String name = accounts.nameOf(account).orElse("Consentflow");
        String link = publicUrl + "/app/invite/" + token;
        String text = """
                Du er inviteret til Consentflow-konsollen for %1$s.
                Vælg din adgangskode her (linket virker i 72 timer og kun én gang):

                %2$s

                ---

                You have been invited to the Consentflow console of %1$s.
                Choose your password here (the link works for 72 hours, once):

                %2$s
                """.formatted(name, link);
        try {
            mail.send(to, "Invitation til / Invitation to Consentflow: " + name, text);
        } catch (RuntimeException e) {
            log.warn("The console invitation mail could not be sent: {}", e.getMessage());
        }
    }
}
