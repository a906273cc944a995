package io.alertline.common.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicNamesTest {

    @Test
    void namesTopicsFromThePrefix() {
        assertThat(TopicNames.DEFAULT.category(Category.GENERIC)).isEqualTo("alerts.generic");
        assertThat(TopicNames.DEFAULT.category(Category.DATABASE)).isEqualTo("alerts.database");
        assertThat(new TopicNames("prod.alerts").deadLetter(Category.CRITICAL)).isEqualTo("prod.alerts.critical.dlt");
        assertThat(new TopicNames("x").retry(Category.WARNING)).isEqualTo("x.warning.retry");
        assertThat(TopicNames.DEFAULT.outcomes()).isEqualTo("alerts.outcomes");
        assertThat(TopicNames.DEFAULT.categoryOf("alerts.gpu")).isEqualTo(Category.GPU);
        assertThat(TopicNames.DEFAULT.categoryOf("alerts.gpu.dlt")).isNull();
    }

    @Test
    void endpointsMapToCategories() {
        assertThat(Category.GENERIC.path()).isEqualTo("/webhook");
        assertThat(Category.AI.path()).isEqualTo("/webhook/ai");
        assertThat(Category.fromId("warning")).isEqualTo(Category.WARNING);
        assertThatThrownBy(() -> new TopicNames("bad prefix")).isInstanceOf(IllegalArgumentException.class);
    }
}
