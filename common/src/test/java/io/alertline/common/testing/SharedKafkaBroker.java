package io.alertline.common.testing;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One real embedded KRaft broker per test JVM, started on first use and stopped when the JVM
 * exits. Test classes share it (and Spring caches their contexts), which keeps the suite fast.
 */
public final class SharedKafkaBroker {

    private static EmbeddedKafkaKraftBroker broker;

    private SharedKafkaBroker() {
    }

    public static synchronized String bootstrapServers() {
        if (broker == null) {
            EmbeddedKafkaKraftBroker b = new EmbeddedKafkaKraftBroker(1, 3).kafkaPorts(0);
            b.brokerProperty("group.initial.rebalance.delay.ms", "0");
            b.brokerProperty("auto.create.topics.enable", "false");
            b.afterPropertiesSet();
            broker = b;
            Runtime.getRuntime().addShutdownHook(new Thread(b::destroy, "embedded-kafka-shutdown"));
        }
        return broker.getBrokersAsString();
    }
}
