#!/usr/bin/env bash
# shellcheck disable=SC2317  # cleanup runs from a trap
# Failover drill: a 3-broker KRaft cluster (scripts/kafka-cluster.sh, RF 3, min.insync.replicas=2,
# the recommended fencing settings), the ingest and two processors, steady load with some critical
# alerts that run a recovery script and notify a Slack stand-in; meanwhile SIGKILL the leader of a
# category partition, later the leader of an alerts.outcomes partition, then one processor
# (restarted in place at once: static membership) and later the other (restarted only after the
# load: the survivor must take over). Asserts (exit 1 on failure):
#   - every 200 is a record still in its topic (at the answered offset) with exactly one finished outcome;
#   - no recovery script ran twice, and every acknowledged critical alert's ran, or its outcome
#     reports it interrupted (a processor killed between the in_progress mark and the script's
#     start; at most one per processor kill, never started again);
#   - Slack repeated at most one message per processor kill.
# Reports (not asserted): seconds with any 503 per broker kill, time to a 200 (p50/p99/max),
# each processor kill's gap.
#
#   scripts/failover-drill.sh [--no-build] [--keep] [--short]
#     --no-build  use the jars in */target (after mvn package / verify)
#     --keep      keep the state dir (logs, Kafka data) even on PASS
#     --short     60 s of load instead of 90, same kills (timings compressed)
#
# Environment: DRILL_RATE (req/s, default 30), DRILL_SECONDS (default 90), DRILL_CRITICAL_EVERY
# (every Nth request is critical, default 15). Ports: Kafka 59092-59097, ingest 59101,
# processors 59102/59103, Slack stand-in 59104 (all 127.0.0.1).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
BUILD=1 KEEP=0 SHORT=0
for a in "$@"; do
  case "$a" in
    --no-build) BUILD=0 ;; --keep) KEEP=1 ;; --short) SHORT=1 ;;
    -h|--help) sed -n '3,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "failover-drill.sh: unknown option $a" >&2; exit 2 ;;
  esac
done
RATE="${DRILL_RATE:-30}"
SECONDS_OF_LOAD="${DRILL_SECONDS:-$( (( SHORT )) && echo 60 || echo 90 )}"
CRIT_EVERY="${DRILL_CRITICAL_EVERY:-15}"
INGEST_PORT=59101 PROC_A_PORT=59102 PROC_B_PORT=59103 CATCHER_PORT=59104
export KAFKA_CLUSTER_PORT=59092 KAFKA_CLUSTER_CTRL_PORT=59095

T0=$SECONDS
log() { printf '[drill %3ds] %s\n' "$(( SECONDS - T0 ))" "$*"; }
die() { log "ERROR: $*" >&2; exit 1; }

VERSION=0.1.0-SNAPSHOT
INGEST_JAR="$REPO_ROOT/ingest-service/target/ingest-service-$VERSION-exec.jar"
PROC_JAR="$REPO_ROOT/processor-service/target/processor-service-$VERSION-exec.jar"
BENCH_JAR="$REPO_ROOT/benchmarks/target/alertline-benchmarks-$VERSION.jar"
if (( BUILD )); then
  log "building (mvn package, no tests)"
  (cd "$REPO_ROOT" && mvn -B -ntp -q -DskipTests -Dpmd.skip=true package -pl ingest-service,processor-service,benchmarks -am) \
    || die "build failed"
fi
for f in "$INGEST_JAR" "$PROC_JAR" "$BENCH_JAR"; do [[ -f "$f" ]] || die "missing $f (build first, or drop --no-build)"; done

STATE="$(mktemp -d /tmp/alertline-drill.XXXXXX)"
export ALERTLINE_HOME="$STATE"
mkdir -p "$STATE/logs" "$STATE/recovery" "$STATE/run" "$STATE/lib"
# Copies: a build during the drill must not change the jars a restart picks up.
cp "$INGEST_JAR" "$PROC_JAR" "$BENCH_JAR" "$REPO_ROOT"/benchmarks/target/lib/*.jar "$STATE/lib/"
INGEST_JAR="$STATE/lib/$(basename "$INGEST_JAR")" PROC_JAR="$STATE/lib/$(basename "$PROC_JAR")"
DRILL_CP="$(find "$STATE/lib" -name '*.jar' ! -name '*-exec.jar' | tr '\n' ':')"
declare -A PIDS=()
RESULT=1
cleanup() {
  local name
  for name in "${!PIDS[@]}"; do kill -TERM "${PIDS[$name]}" 2>/dev/null || true; done
  sleep 1
  for name in "${!PIDS[@]}"; do kill -KILL "${PIDS[$name]}" 2>/dev/null || true; done
  "$SCRIPT_DIR/kafka-cluster.sh" stop >/dev/null 2>&1 || true
  if (( KEEP || RESULT != 0 )); then log "state kept in $STATE"; else rm -rf "$STATE"; fi
}
trap cleanup EXIT

# Nothing from the caller's shell reaches the services (no real chat channel is ever called).
for v in SLACK_WEBHOOK_URL DISCORD_WEBHOOK_URL TELEGRAM_BOT_TOKEN TELEGRAM_CHAT_ID WEBHOOK_BEARER_TOKENS \
         STANDARD_WEBHOOKS_SECRET PROCESSOR_API_TOKEN KAFKA_TOPIC_PREFIX; do unset "$v"; done
gen_secret() { od -An -tx1 -N24 /dev/urandom | tr -d ' \n'; }
export WEBHOOK_SECRET RECORD_SIGNING_KEY
WEBHOOK_SECRET="$(gen_secret)" RECORD_SIGNING_KEY="$(gen_secret)"
export KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:59092,127.0.0.1:59093,127.0.0.1:59094" KAFKA_REPLICATION_FACTOR=3
export RATE_LIMIT_PER_MINUTE=1000000000

event() { printf '%s\t%s\t%s\n' "$(date +%s%3N)" "$1" "$2" >>"$STATE/events.tsv"; log "$1 $2"; }
ready() { curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$1/actuator/health/readiness" 2>/dev/null; }
# Ports above 32767 lie in Linux's ephemeral range: an outgoing connection (there are many, to
# three brokers) can hold a service's port for a moment, and the service then exits at start-up.
# Such a service is started again; anything else is an error.
await_ready() { # name port seconds [start command...]
  local name="$1" port="$2" deadline=$(( SECONDS + $3 )) tries=0
  shift 3
  until ready "$port"; do
    if ! kill -0 "${PIDS[$name]}" 2>/dev/null; then
      grep -q 'already in use' "$STATE/logs/$name.log" && (( tries++ < 3 )) || die "$name exited (see $STATE/logs/$name.log)"
      log "$name could not bind port $port (taken for a moment); starting it again"
      "$@"
    fi
    (( SECONDS < deadline )) || die "$name (port $port) not ready within the time allowed"
    sleep 0.5
  done
}

start_ingest() {
  INGEST_PORT=$INGEST_PORT java -Xmx256m -XX:+UseSerialGC -jar "$INGEST_JAR" >>"$STATE/logs/ingest.log" 2>&1 &
  PIDS[ingest]=$!
}
start_processor() { # a|b port
  PROCESSOR_PORT=$2 PROCESSOR_INSTANCE_ID="drill-$1" RECOVERY_DIR="$STATE/recovery" RECOVERY_ALLOWED_SERVICES=ollama \
    RECOVERY_COOLDOWN=0s NOTIFY_CATEGORIES=critical SLACK_WEBHOOK_URL="http://127.0.0.1:$CATCHER_PORT/slack" \
    java -Xmx384m -XX:+UseSerialGC -jar "$PROC_JAR" >>"$STATE/logs/processor-$1.log" 2>&1 &
  PIDS[processor-$1]=$!
}
sleep_until() { # seconds after LOAD_START
  local now; now=$(date +%s%3N)
  local wait_ms=$(( LOAD_START + $1 * 1000 - now ))
  (( wait_ms > 0 )) && sleep "$(awk -v ms="$wait_ms" 'BEGIN { printf "%.3f", ms / 1000 }')"
  return 0
}
# Leaders are looked up once, before the load: the lookup is a JVM, a minute on a busy machine.
# FIRST leads alerts.warning-0; SECOND leads an alerts.outcomes partition and is another node
# (leadership stays put after a restart: preferred-leader balancing runs every 5 minutes).
find_leaders() {
  local described
  described="$("$SCRIPT_DIR/kafka-cluster.sh" topics --describe --topic 'alerts\.(warning|outcomes)' 2>/dev/null)" \
    || die "could not describe the topics"
  leader() { awk -v t="$1" -v p="$2" '$1 == "Topic:" && $2 == t && $3 == "Partition:" && $4 == p { print $6 }' <<<"$described"; }
  FIRST="$(leader alerts.warning 0)"
  local p
  for p in 0 1 2; do
    SECOND="$(leader alerts.outcomes "$p")" SECOND_PARTITION=$p
    [[ "$SECOND" != "$FIRST" ]] && break
  done
  [[ "$FIRST" =~ ^[123]$ && "$SECOND" =~ ^[123]$ && "$SECOND" != "$FIRST" ]] \
    || die "unexpected leaders (alerts.warning-0: '$FIRST', alerts.outcomes: '$SECOND')"
}
kill_node() { # node what
  "$SCRIPT_DIR/kafka-cluster.sh" kill "$1" >/dev/null
  event kill-broker "node $1 ($2)"
}
restart_node() { # and wait until it is back in every ISR, as an operator would before the next kill
  "$SCRIPT_DIR/kafka-cluster.sh" start-node "$1" >>"$STATE/logs/cluster.log" 2>&1 || die "node $1 did not restart"
  event restart-broker "node $1"
  "$SCRIPT_DIR/kafka-cluster.sh" wait-in-sync >>"$STATE/logs/cluster.log" 2>&1 || die "partitions stayed under-replicated"
  event in-sync "node $1"
}

log "state: $STATE"
"$SCRIPT_DIR/kafka-cluster.sh" start >"$STATE/logs/cluster.log" 2>&1 || { cat "$STATE/logs/cluster.log" >&2; die "cluster start failed"; }
log "3-broker cluster up"
python3 "$SCRIPT_DIR/http-catcher.py" --port "$CATCHER_PORT" >"$STATE/slack.log" 2>&1 &
PIDS[catcher]=$!
printf '#!/bin/sh\necho "$ALERT_NAME" >> "%s"\n' "$STATE/recovery-runs.txt" >"$STATE/recovery/ollama-recovery.sh"
chmod 755 "$STATE/recovery/ollama-recovery.sh"
touch "$STATE/recovery-runs.txt" "$STATE/events.tsv"

start_ingest
start_processor a "$PROC_A_PORT"
start_processor b "$PROC_B_PORT"
await_ready ingest "$INGEST_PORT" 180 start_ingest
await_ready processor-a "$PROC_A_PORT" 180 start_processor a "$PROC_A_PORT"
await_ready processor-b "$PROC_B_PORT" 180 start_processor b "$PROC_B_PORT"
sleep 5 # both processors in their groups before the load
log "services ready; load: $RATE req/s for $SECONDS_OF_LOAD s, every ${CRIT_EVERY}th critical"

find_leaders
LOAD_START=$(date +%s%3N)
event load-start ""
java -Xmx256m -XX:+UseSerialGC -cp "$DRILL_CP" io.alertline.bench.drill.Drill load \
  --base "http://127.0.0.1:$INGEST_PORT" --rate "$RATE" --seconds "$SECONDS_OF_LOAD" \
  --critical-every "$CRIT_EVERY" --run "r$$" --out "$STATE/results.tsv" >"$STATE/logs/load.log" 2>&1 &
LOAD_PID=$!
PIDS[load]=$LOAD_PID

# Kill schedule as fractions of the load, so --short keeps the order and the spacing. Broker
# restarts run in the background so a slow start does not shift the later kills.
at() { echo $(( SECONDS_OF_LOAD * $1 / 100 )); }
sleep_until "$(at 17)"; kill_node "$FIRST" "leader of alerts.warning-0"
sleep_until "$(at 28)"; restart_node "$FIRST" &
RESTART_PID=$!
sleep_until "$(at 39)"
wait "$RESTART_PID" # never two brokers out of the ISR at once: min.insync.replicas=2 would refuse writes
kill_node "$SECOND" "leader of alerts.outcomes-$SECOND_PARTITION"
sleep_until "$(at 50)"; restart_node "$SECOND" &
RESTART_PID=$!
sleep_until "$(at 55)"
kill -KILL "${PIDS[processor-a]}"; event kill-processor drill-a
start_processor a "$PROC_A_PORT"; event restart-processor "drill-a (in place, at once)"
await_ready processor-a "$PROC_A_PORT" 180 start_processor a "$PROC_A_PORT"
sleep_until "$(at 80)"
kill -KILL "${PIDS[processor-b]}"; event kill-processor drill-b
wait "$LOAD_PID" || die "the load tool failed (see $STATE/logs/load.log)"
unset 'PIDS[load]'
event load-end ""
sleep_until "$(( SECONDS_OF_LOAD + 10 ))" # the survivor alone for a while, then b back
start_processor b "$PROC_B_PORT"; event restart-processor "drill-b"
wait "$RESTART_PID" # the second broker's restart

log "verifying (waiting up to 120 s for every acknowledged alert's outcome)"
set +e
java -Xmx512m -XX:+UseSerialGC -Dlogback.configurationFile="$SCRIPT_DIR/bench/logback-tools.xml" -cp "$DRILL_CP" \
  io.alertline.bench.drill.Drill verify --bootstrap "$KAFKA_BOOTSTRAP_SERVERS" --prefix alerts \
  --results "$STATE/results.tsv" --events "$STATE/events.tsv" --recovery-runs "$STATE/recovery-runs.txt" \
  --slack-log "$STATE/slack.log" --wait 120 | tee "$STATE/verdict.txt"
RESULT=${PIPESTATUS[0]}
set -e
errors="$(grep -c ' ERROR ' "$STATE"/logs/ingest.log 2>/dev/null || true)"
dropped="$(grep -c 'onErrorDropped' "$STATE"/logs/ingest.log 2>/dev/null || true)"
log "ingest log: ${errors:-0} ERROR lines, ${dropped:-0} onErrorDropped; late send failures: $(grep -c 'after the request was already answered' "$STATE/logs/ingest.log" || true) summary lines"
log "$( (( RESULT == 0 )) && echo PASS || echo FAIL ) in $(( SECONDS - T0 )) s"
exit "$RESULT"
