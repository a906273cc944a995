package io.alertline.common.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class RecordBudgetTest {

    @Test
    void everyCopyFitsWhatTheIngestAccepts() {
        RecordBudget budget = RecordBudget.forMaxBody(1024 * 1024);
        assertThat(budget.maxBodyBytes()).isEqualTo(1024 * 1024);
        assertThat(budget.maxIngestRecordBytes()).isGreaterThan(budget.maxBodyBytes() + RecordBudget.INGEST_HEADER_BYTES);
        assertThat(budget.maxRecordBytes()).isEqualTo(budget.maxIngestRecordBytes() + RecordBudget.COPY_HEADER_BYTES);
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> RecordBudget.forMaxBody(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordBudget.forMaxBody(Integer.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void headerTextIsCutOnACharacterBoundary() {
        assertThat(RecordBudget.headerText(null)).isNull();
        assertThat(RecordBudget.headerText("short")).isEqualTo("short");
        String longText = "é".repeat(2000); // 4000 bytes
        String cut = RecordBudget.headerText(longText);
        byte[] bytes = cut.getBytes(StandardCharsets.UTF_8);
        assertThat(bytes.length).isLessThanOrEqualTo(RecordBudget.MAX_HEADER_TEXT_BYTES);
        assertThat(cut).endsWith("…").doesNotContain("\uFFFD");
        assertThat(cut.substring(0, cut.length() - 1)).matches("é+");
    }
}
