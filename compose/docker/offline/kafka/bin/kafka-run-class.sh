#!/bin/sh
# kafka-run-class.sh CLASS ARGS...: a Kafka tool on the image's jars, logging warnings only
exec java ${KAFKA_HEAP_OPTS:--Xmx256m} -XX:TieredStopAtLevel=1 -Xshare:auto \
  -Dlogback.configurationFile=/opt/kafka/config/tools-logback.xml -cp "/opt/kafka/libs/*" "$@"
