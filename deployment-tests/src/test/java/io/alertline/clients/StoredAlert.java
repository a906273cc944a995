package io.alertline.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import io.alertline.common.testing.SharedKafkaBroker;
import io.alertline.ingest.support.RecordReader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One record a client's request produced, read back from the real broker and parsed. */
record StoredAlert(String topic, ConsumerRecord<String, byte[]> record, JsonNode body, Map<String, String> headers) {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Reads the record a 200 answer ({@code topic}, {@code partition}, {@code offset}) points at. */
    static StoredAlert fromReceipt(JsonNode receipt) {
        return read(receipt.get("topic").asString(), receipt.get("partition").asInt(), receipt.get("offset").asLong());
    }

    static StoredAlert read(String topic, int partition, long offset) {
        ConsumerRecord<String, byte[]> record = RecordReader.read(SharedKafkaBroker.bootstrapServers(), topic,
                partition, offset);
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        return new StoredAlert(topic, record, JSON.readTree(record.value()), headers);
    }

    static JsonNode parse(String json) {
        return JSON.readTree(json);
    }

    JsonNode alert() {
        return body.get("alerts").get(0);
    }

    Map<String, String> labels() {
        return strings(alert().get("labels"));
    }

    Map<String, String> annotations() {
        return strings(alert().get("annotations"));
    }

    String text() {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    /**
     * The Alertmanager version 4 shape both clients promise: one alert with the given status, its
     * start time now, endsAt Alertmanager's zero time while firing; group labels, common labels and
     * the group key (which is also the record key) derived from it.
     */
    StoredAlert assertAlertmanagerShape(String status, Instant sentAfter) {
        assertThat(body.get("version").asString()).isEqualTo("4");
        assertThat(body.get("status").asString()).isEqualTo(status);
        assertThat(body.get("alerts").size()).isEqualTo(1);
        assertThat(alert().get("status").asString()).isEqualTo(status);
        String alertname = labels().get("alertname");
        assertThat(strings(body.get("groupLabels"))).containsExactly(Map.entry("alertname", alertname));
        assertThat(strings(body.get("commonLabels"))).isEqualTo(labels());
        assertThat(strings(body.get("commonAnnotations"))).isEqualTo(annotations());
        assertThat(body.get("groupKey").asString()).startsWith("{}:{alertname=\"");
        assertThat(record.key()).isEqualTo(body.get("groupKey").asString());

        Instant startsAt = Instant.parse(alert().get("startsAt").asString());
        assertThat(alert().get("startsAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        assertThat(startsAt).isBetween(sentAfter.truncatedTo(ChronoUnit.SECONDS), Instant.now().plus(Duration.ofSeconds(1)));
        String endsAt = alert().get("endsAt").asString();
        if (status.equals("firing")) {
            assertThat(endsAt).isEqualTo("0001-01-01T00:00:00Z");
        } else {
            assertThat(Instant.parse(endsAt)).isAfterOrEqualTo(startsAt).isBefore(Instant.now().plusSeconds(1));
        }
        return this;
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            assertThat(e.getValue().isString()).as("%s is a JSON string", e.getKey()).isTrue();
            map.put(e.getKey(), e.getValue().asString());
        }
        return map;
    }
}
