package dev.consentflow.consent.internal;

import dev.consentflow.NamedSql;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.consent.SignupFunnels;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@link SignupFunnels} from the account's chain, after chaining what was committed and waits to be chained. */
@Component
class AuditFunnels implements SignupFunnels {

    private static final String FORM_FUNNEL = NamedSql.read("consent", "form-funnel");

    private final JdbcClient jdbc;
    private final AuditChainer chainer;

    AuditFunnels(JdbcClient jdbc, AuditChainer chainer) {
        this.jdbc = jdbc;
        this.chainer = chainer;
    }

    @Override
    public FormFunnel ofForm(AccountId account, String formKey) {
        chainer.chain(account.value());
        return jdbc.sql(FORM_FUNNEL).param("accountId", account.value()).param("formKey", formKey)
                .query((rs, row) -> new FormFunnel(rs.getLong("subscribed"), rs.getLong("confirmed"),
                        rs.getLong("expired"))).single();
    }
}
