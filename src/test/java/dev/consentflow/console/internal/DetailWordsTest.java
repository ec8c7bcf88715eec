package dev.consentflow.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DetailWordsTest {

    @Test
    void idsAndHashesAreNotWordsButEverythingElseIs() {
        assertThat(DetailWords.isId("requestId")).isTrue();
        assertThat(DetailWords.isId("accessRequestId")).isTrue();
        assertThat(DetailWords.isId("hash")).isTrue();
        assertThat(DetailWords.isId("resubscribedAs")).isTrue();
        assertThat(DetailWords.isId("list")).isFalse();
        assertThat(DetailWords.isId("dueAt")).isFalse();
        assertThat(DetailWords.isId("format")).isFalse();
    }
}
