#!/usr/bin/env bash
# Runs one of the processor jar's operator subcommands (replay, dead-letters, verify) with the
# local run's configuration: $ALERTLINE_HOME/local.env (secrets) and the local broker address,
# unless the caller's environment already sets them. See `scripts/admin.sh replay --help`.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ALERTLINE_HOME="${ALERTLINE_HOME:-$REPO_ROOT/.alertline}"
JAR="$REPO_ROOT/processor-service/target/processor-service-0.1.0-SNAPSHOT-exec.jar"

if [ -f "$ALERTLINE_HOME/local.env" ]; then
  # Keep values the caller exported (e.g. an auditor's own WEBHOOK_SECRET) over local.env's.
  while IFS='=' read -r name value; do
    case "$name" in ''|\#*) continue ;; esac
    if [ -z "${!name+x}" ]; then export "$name=$value"; fi
  done < "$ALERTLINE_HOME/local.env"
fi
export KAFKA_BOOTSTRAP_SERVERS="${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:${KAFKA_PORT:-29092}}"
if [ ! -f "$JAR" ]; then
  (cd "$REPO_ROOT" && mvn -B -q -DskipTests -pl processor-service -am package)
fi
exec java -Xmx256m -XX:+UseSerialGC -jar "$JAR" "$@"
