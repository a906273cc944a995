#!/usr/bin/env bash
: "${KAFKA_HEAP_OPTS:=-Xmx512M}"
export KAFKA_HEAP_OPTS
exec /opt/kafka/bin/kafka-run-class.sh org.apache.kafka.tools.consumer.ConsoleConsumer "$@"
