package dev.consentflow.subscription.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.brands.BrandIdentity;
import dev.consentflow.subscription.PublicTexts;
import org.junit.jupiter.api.Test;

/**
 * The controller's facts under a branded page speak the list's language, with every value escaped; the top names
 * the list unless the page's heading does.
 */
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

    @Test
    void aPageHeadedByTheListsNameShowsTheBrandAloneAtTheTop() {
        PageBrand page = new PageBrand(FISK, "Fiskenyt", true, PublicTexts.of("da"));

        assertThat(page.header()).contains("Fisk &amp; Co", "Fiskenyt");
        assertThat(page.headedBy("Fiskenyt").header()).contains("Fisk &amp; Co").doesNotContain("Fiskenyt");
        assertThat(page.headedBy(" fiskenyt ").header()).doesNotContain("Fiskenyt");
        assertThat(page.headedBy("Tilmeld dig Fiskenyt").header()).contains("Fiskenyt");
        assertThat(page.headedBy("Fiskenyt").withController().footer()).isEqualTo(page.footer());
    }

    @Test
    void aListWithoutABrandHeadedByItsNameKeepsOnlyTheRule() {
        PageBrand plain = new PageBrand(null, "Fish News", true, PublicTexts.of("en"));

        assertThat(plain.header()).contains("<header", "Fish News");
        assertThat(plain.headedBy("Fish News").header()).isEqualTo("<div class=\"cf-brand\"></div>\n");
        assertThat(PageBrand.NONE.headedBy(null).header()).isEmpty();
    }
}
