package dev.consentflow.contacts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.EmailAddress;
import dev.consentflow.contacts.MobileNumber;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BlindIndexTest {

    private final TestKeyRing keyRing = new TestKeyRing();
    private final BlindIndex index = new BlindIndex(keyRing);
    private final AccountId account = new AccountId(UUID.randomUUID());

    @Test
    void caseAndSurroundingSpacesDoNotChangeTheIndex() {
        byte[] plain = email("anna.berg@example.dk");
        assertThat(email("Anna.Berg@Example.DK")).isEqualTo(plain);
        assertThat(email("  ANNA.BERG@EXAMPLE.DK\t")).isEqualTo(plain);
    }

    @Test
    void theUnicodeAndAsciiFormsOfADomainHaveOneIndex() {
        assertThat(email("anna@bücher.de")).isEqualTo(email("anna@xn--bcher-kva.de"));
    }

    @Test
    void anotherAddressOrAPartOfOneHasAnUnrelatedIndex() {
        assertThat(email("anna@example.dk")).isNotEqualTo(email("anna@example.de"));
        assertThat(email("anna@example.dk")).isNotEqualTo(email("ann@example.dk"));
        assertThat(email("anna+news@example.dk")).isNotEqualTo(email("anna@example.dk"));
    }

    @Test
    void theSameAddressHasAnotherIndexInAnotherAccount() {
        AccountId other = new AccountId(UUID.randomUUID());
        EmailAddress address = EmailAddress.parse("anna@example.dk");
        assertThat(index.email(account, address)).isNotEqualTo(index.email(other, address));
    }

    @Test
    void theIndexIsAnHmacThatHoldsNothingOfTheAddress() {
        byte[] value = email("anna@example.dk");
        assertThat(value).hasSize(32);
        assertThat(new String(value, StandardCharsets.ISO_8859_1)).doesNotContain("anna", "example");
    }

    @Test
    void mobileNumbersHaveTheirOwnIndexKey() {
        MobileNumber number = MobileNumber.parse("+4512345678");
        assertThat(index.mobile(account, number)).isEqualTo(index.mobile(account, MobileNumber.parse(" +4512345678 ")));
        assertThat(index.mobile(account, number)).isNotEqualTo(index.mobile(account, MobileNumber.parse("+4512345679")));
    }

    @Test
    void afterARotationLookupsTryEveryVersionNewestFirst() {
        EmailAddress address = EmailAddress.parse("anna@example.dk");
        byte[] before = index.email(account, address);
        keyRing.rotate();
        assertThat(index.emailCandidates(account, address)).hasSize(2);
        assertThat(index.emailCandidates(account, address).get(0)).isEqualTo(index.email(account, address));
        assertThat(index.emailCandidates(account, address).get(1)).isEqualTo(before);
    }

    private byte[] email(String address) {
        return index.email(account, EmailAddress.parse(address));
    }
}
