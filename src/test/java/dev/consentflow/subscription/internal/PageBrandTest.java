package dev.consentflow.subscription.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.brands.BrandIdentity;
import dev.consentflow.subscription.PublicTexts;
import org.junit.jupiter.api.Test;

/** The controller's facts under a branded page speak the list's language, with every value escaped. */
class PageBrandTest {

    private static final BrandIdentity FISK = new BrandIdentity("fisk", "Fisk & Co", null, "#0b6e4f",
            "Fisk & Co ApS", "Havnegade 1, 5970 Ærøskøbing", "dpo@fisk.example", "https://fisk.example/privacy");

    @Test
    void aDanishListsFooterNamesTheControllerTheRightsAndThePolicyInDanish() {
        String footer = new PageBrand(FISK, "Nyheder", true, PublicTexts.of("da")).footer();

        assertThat(footer).contains("Dataansvarlig: <strong>Fisk &amp; Co ApS</strong>, Havnegade 1, 5970 Ærøskøbing",
                "Skriv til <a href=\"mailto:dpo@fisk.example\">dpo@fisk.example</a>, hvis du vil have en kopi",
                ">Privatlivspolitik for Fisk &amp; Co</a>");
        assertThat(footer).doesNotContain("Data controller", "Privacy policy");
    }

    @Test
    void anEnglishListsFooterIsInEnglishAndAPageWithoutTheControllersFactsHasNone() {
        assertThat(new PageBrand(FISK, "News", true, PublicTexts.of("en")).footer())
                .contains("Data controller: <strong>Fisk &amp; Co ApS</strong>", "Privacy policy of Fisk &amp; Co");
        assertThat(new PageBrand(FISK, "News", false, PublicTexts.of("en")).footer()).isEmpty();
        assertThat(PageBrand.NONE.withController().footer()).isEmpty();
    }
}
