#!/usr/bin/env bash
# The part of Kafka's bin/kafka-run-class.sh this image needs: the same environment variables,
# the same defaults, every jar of /opt/kafka/libs on the class path.
base_dir=/opt/kafka
: "${KAFKA_HEAP_OPTS:=-Xmx256M}"
: "${KAFKA_JVM_PERFORMANCE_OPTS:=-server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 -Djava.awt.headless=true}"
: "${KAFKA_LOG4J_OPTS:=-Dlog4j2.configurationFile=$base_dir/config/tools-log4j2.yaml}"
# shellcheck disable=SC2086  # the *_OPTS variables are word lists, as in Kafka's script
exec "${JAVA_HOME:-/opt/java/openjdk}/bin/java" $KAFKA_HEAP_OPTS $KAFKA_JVM_PERFORMANCE_OPTS $KAFKA_GC_LOG_OPTS \
  $KAFKA_JMX_OPTS -Dkafka.logs.dir="$base_dir/logs" $KAFKA_LOG4J_OPTS -cp "$base_dir/libs/*" $KAFKA_OPTS "$@"
