package io.alertline.processor.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class VisibleTextTest {

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"202E", "202D", "202A", "202B", "202C", "2066", "2067", "2068", "2069", "200B", "200E",
            "200F", "FEFF", "00AD", "2028", "2029", "0007", "001B", "007F", "0085"})
    void removesInvisibleAndControlCharacters(String hex) {
        String hidden = new String(Character.toChars(Integer.parseInt(hex, 16)));
        assertThat(VisibleText.of("invoice" + hidden + "txt.exe")).isEqualTo("invoicetxt.exe");
    }

    @Test
    void keepsOrdinaryTextNewlinesTabsAndEmoji() {
        String text = "Disk 90%\n\tnode-1 🔥 Ünïcode 日本語";
        assertThat(VisibleText.of(text)).isSameAs(text);
        assertThat(VisibleText.of(null)).isNull();
    }

    @Test
    void removesLoneSurrogates() {
        assertThat(VisibleText.of("a\uD800b")).isEqualTo("ab");
    }

    @Test
    void alertMessageFieldsAreCleanedOnceForEveryChannel() {
        AlertMessage m = new AlertMessage("Disk\u202Efull", "crit\u200Bical", "sum\u2066mary", "de\u202Dscr\niption",
                "oll\u200Dama", "warn\u2069ing", "host\u0000-1", "fir\uFEFFing", null, "req");
        assertThat(m.alertname()).isEqualTo("Diskfull");
        assertThat(m.severity()).isEqualTo("critical");
        assertThat(m.summary()).isEqualTo("summary");
        assertThat(m.description()).isEqualTo("descr\niption");
        assertThat(m.service()).isEqualTo("ollama");
        assertThat(m.category()).isEqualTo("warning");
        assertThat(m.instance()).isEqualTo("host-1");
        assertThat(m.status()).isEqualTo("firing");
    }
}
