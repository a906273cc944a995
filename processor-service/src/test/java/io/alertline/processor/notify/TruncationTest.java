package io.alertline.processor.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TruncationTest {

    @Test
    void textWithinTheLimitIsUntouched() {
        assertThat(Truncation.fit("abcde", 5)).isEqualTo("abcde");
        assertThat(Truncation.fit("", 5)).isEmpty();
    }

    @Test
    void longTextIsCutToExactlyTheLimitWithAnEllipsis() {
        assertThat(Truncation.fit("abcdef", 5)).isEqualTo("abcd…").hasSize(5);
        assertThat(Truncation.fit("abcdef", 0)).isEmpty();
    }

    @Test
    void surrogatePairsAreNeverSplit() {
        String out = Truncation.fit("a" + "😀".repeat(10), 5);

        assertThat(out).isEqualTo("a😀…");
    }
}
