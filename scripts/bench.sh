#!/usr/bin/env bash
# shellcheck disable=SC2015,SC2317
# Benchmark alertline on this machine, as ratios against ceilings measured in the same run.
#
#   scripts/bench.sh            full run (30 s per phase, about 10 minutes with the JMH part)
#   scripts/bench.sh --smoke    every step with durations of seconds (CI: proves the benchmark runs)
#
# Options:
#   --smoke        tiny durations and payload pools, JMH in-process with one short iteration
#   --no-build     use the jars already in */target (after 'mvn package' or 'mvn verify')
#   --no-jmh       skip the JMH microbenchmarks
#   --out DIR      results directory (default $BENCH_HOME/results/<UTC time>-<mode>)
#
# Phases, in order (one broker, all on 127.0.0.1):
#   JMH            microbenchmarks of the hot pure functions (before anything else starts)
#   ceiling A      a bare WebFlux app (read the body, answer 200), same JVM flags, wrk closed loop
#   ceiling B      Kafka's ProducerPerformance, acks=all, no compression (as the ingest), idempotent, the same bodies
#   end to end     ingest + processor, fixed rate of BENCH_E2E_ALERT_RATE alerts/s; e2e histogram
#                  diff and consumer lag from the processor's /actuator/prometheus
#   (processor stopped from here on: everything below becomes its backlog)
#   ingest fixed   fixed rate of BENCH_FIXED_RATE req/s, corrected (wrk2-style) latency
#   ceiling C      the minimal durable ingest (WebFlux + X-Signature HMAC + plain KafkaProducer, acks=all,
#                  200 with the offset after the ack), same JVM flags, wrk closed loop, in rounds that
#                  alternate with the ingest's saturation rounds
#   ingest sat.    wrk closed loop at the same concurrency as ceilings A and C (alternating with C)
#   memory         VmRSS and VmHWM (peak) of the ingest after its saturation rounds, before JFR ever ran
#   JFR            a profile of the ingest under the same wrk load
#   durability     records in the ingest's topics >= every 200 it answered in all phases
#   drain          processor started on the backlog; alerts/s until it is drained (or BENCH_DRAIN_MAX_S)
#   memory         VmRSS and VmHWM (peak) of each process at the end
# Writes result.json, table.md (and jmh.md) into the results directory and prints the table.
#
# Environment (all optional):
#   BENCH_HOME             state dir (default ${TMPDIR:-/tmp}/alertline-bench): broker data, local.env, logs, results
#   BENCH_KAFKA_PORT       49092 (controller: BENCH_KAFKA_CONTROLLER_PORT, 49093)
#   BENCH_INGEST_PORT      5601;  BENCH_PROCESSOR_PORT 5602;  BENCH_CEILING_PORT 5603
#   BENCH_DURATION         seconds per measured phase (full 30, smoke 2)
#   BENCH_ROUNDS           ceiling C and the ingest's saturation phase alternate in this many rounds of
#                          BENCH_DURATION/BENCH_ROUNDS seconds each, C first in odd rounds and the
#                          ingest first in even ones (full 6, smoke 1)
#   BENCH_WARMUP           warm-up seconds before a measured phase (full 10, smoke 1)
#   BENCH_CONNECTIONS      wrk connections (32);  BENCH_THREADS  wrk threads (2)
#   BENCH_FIXED_RATE       ingest fixed-rate phase, requests/s (full 1000, smoke 100)
#   BENCH_E2E_ALERT_RATE   end-to-end phase, alerts/s (full 1000, smoke 200)
#   BENCH_E2E_WARMUP       warm-up of the end-to-end phase, both services start cold (3 x BENCH_WARMUP)
#   BENCH_LOAD_WARMUP      wrk warm-up of ceiling A and of the ingest before their measured runs (3 x BENCH_WARMUP):
#                          the ingest was seen to need well over 10 s of saturation to reach its rate
#   BENCH_JFR_SECONDS      length of the profiled load (full 20, smoke 2)
#   BENCH_DRAIN_MAX_S      longest drain measurement (full 90, smoke 30)
#   BENCH_CEILING_B_RECORDS  ProducerPerformance records (full 600000, smoke 3000)
#   BENCH_JMH_OPTS         extra JMH options (smoke: -f 0 -wi 0 -i 1 -r 100ms -p alerts=5)
#   ALERTLINE_JAVA_OPTS, INGEST_JAVA_OPTS, PROCESSOR_JAVA_OPTS
#                          JVM flags, as for up.sh (default: up.sh's per-service flags); ceiling A always
#                          runs with the ingest's
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
COMMAND_LINE="scripts/bench.sh${*:+ $*}"

usage() { sed -n '3,/^set -euo/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; }

MODE=full
BUILD=1
JMH=1
OUT=""
while (( $# )); do
  case "$1" in
    --smoke) MODE=smoke ;;
    --no-build) BUILD=0 ;;
    --no-jmh) JMH=0 ;;
    --out) shift; OUT="${1:?--out needs a directory}" ;;
    -h|--help) usage; exit 0 ;;
    *) printf 'bench.sh: unknown option %s\n\n' "$1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf 'bench.sh: %s\n' "$*" >&2; exit 1; }

if [[ $MODE == smoke ]]; then
  D_DURATION=2; D_WARMUP=1; D_FIXED=100; D_E2E=200; D_JFR=2; D_DRAIN=30; D_B=3000; D_ROUNDS=1
  D_JMH_OPTS="-f 0 -wi 0 -i 1 -r 100ms -p alerts=5"
else
  D_DURATION=30; D_WARMUP=10; D_FIXED=1000; D_E2E=1000; D_JFR=20; D_DRAIN=90; D_B=600000; D_ROUNDS=6
  D_JMH_OPTS="-wi 2 -w 1s -i 5 -r 1s -f 1"
fi
DURATION="${BENCH_DURATION:-$D_DURATION}"
WARMUP="${BENCH_WARMUP:-$D_WARMUP}"
ROUNDS="${BENCH_ROUNDS:-$D_ROUNDS}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
THREADS="${BENCH_THREADS:-2}"
FIXED_RATE="${BENCH_FIXED_RATE:-$D_FIXED}"
E2E_ALERT_RATE="${BENCH_E2E_ALERT_RATE:-$D_E2E}"
JFR_SECONDS="${BENCH_JFR_SECONDS:-$D_JFR}"
E2E_WARMUP="${BENCH_E2E_WARMUP:-$(( WARMUP * 3 ))}"
LOAD_WARMUP="${BENCH_LOAD_WARMUP:-$(( WARMUP * 3 ))}"
DRAIN_MAX_S="${BENCH_DRAIN_MAX_S:-$D_DRAIN}"
CEILING_B_RECORDS="${BENCH_CEILING_B_RECORDS:-$D_B}"
JMH_OPTS="${BENCH_JMH_OPTS:-$D_JMH_OPTS}"
# JVM flags: the services get up.sh's (per service; ALERTLINE_JAVA_OPTS, when set, for both), and
# ceiling A runs with exactly the ingest's. up.sh's ingest default is read from up.sh itself.
if [[ -n "${ALERTLINE_JAVA_OPTS:-}" ]]; then
  JAVA_FLAGS="$ALERTLINE_JAVA_OPTS"
else
  # shellcheck disable=SC2016
  UP_INGEST_DEFAULT="$(sed -n 's/^INGEST_JAVA_OPTS="\${ALERTLINE_JAVA_OPTS:-\${INGEST_JAVA_OPTS:-\(.*\)}}"$/\1/p' \
    "$SCRIPT_DIR/up.sh" | head -n 1)"
  export INGEST_JAVA_OPTS="${INGEST_JAVA_OPTS:-${UP_INGEST_DEFAULT:--Xmx128m -XX:+UseSerialGC}}"
  JAVA_FLAGS="$INGEST_JAVA_OPTS"
fi
read -r -a JAVA_FLAGS_A <<<"$JAVA_FLAGS"
# as up.sh runs the ingest (and its image does), so the ceilings get it too
INGEST_MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
# The ingest image's flags must be up.sh's (one set of flags measured, one shipped)
DOCKER_FLAGS="$(sed -n 's/^ENV JDK_JAVA_OPTIONS="\([^"]*\)".*/\1/p' "$REPO_ROOT/ingest-service/Dockerfile" | head -n 1)"

# Outside the work tree: tests and scripts of the repository may clear .alertline/ or target/.
BENCH_HOME="${BENCH_HOME:-${TMPDIR:-/tmp}/alertline-bench}"
mkdir -p "$BENCH_HOME"
BENCH_HOME="$(cd "$BENCH_HOME" && pwd)"
# up.sh, down.sh and kafka.sh all follow these: our own state dir and ports, never the defaults
export ALERTLINE_HOME="$BENCH_HOME"
export KAFKA_PORT="${BENCH_KAFKA_PORT:-49092}"
export KAFKA_CONTROLLER_PORT="${BENCH_KAFKA_CONTROLLER_PORT:-49093}"
export INGEST_PORT="${BENCH_INGEST_PORT:-5601}"
export PROCESSOR_PORT="${BENCH_PROCESSOR_PORT:-5602}"
CEILING_PORT="${BENCH_CEILING_PORT:-5603}"
BOOTSTRAP="127.0.0.1:$KAFKA_PORT"
INGEST="http://127.0.0.1:$INGEST_PORT"
PROCESSOR="http://127.0.0.1:$PROCESSOR_PORT"

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RES="${OUT:-$BENCH_HOME/results/$STAMP-$MODE}"
mkdir -p "$RES"
RES="$(cd "$RES" && pwd)"
LOGS="$RES/logs"
mkdir -p "$LOGS"
WORK="$BENCH_HOME/work"
mkdir -p "$WORK"

# ---------------------------------------------------------------- tools

command -v java >/dev/null 2>&1 || die "java not found (Java 17+ required)"
command -v curl >/dev/null 2>&1 || die "curl not found"
command -v jcmd >/dev/null 2>&1 || die "jcmd not found (a full JDK is required for the JFR phase)"
if ! command -v wrk >/dev/null 2>&1; then
  log "wrk not found: installing Debian's package"
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk) >"$LOGS/apt.log" 2>&1 \
      || { cat "$LOGS/apt.log" >&2; die "apt-get install wrk failed"; }
  else
    die "wrk is missing; install it (Debian: apt-get install wrk) and run again"
  fi
fi

# ---------------------------------------------------------------- cleanup

pid_of() { [[ -f "$1" ]] && tr -dc '0-9' <"$1" 2>/dev/null || true; }
CEILING_PID=""
BG_PIDS=()
# every JVM this run started, as "pid:marker" (marker: a word of its command line, against pid reuse),
# so they are stopped even if the state dir (and with it the pid files) disappeared meanwhile
OWN=()
remember() { [[ -n "$1" ]] && OWN+=("$1:$2") || true; }
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  for p in "${BG_PIDS[@]}"; do
    kill "$p" 2>/dev/null || true
  done
  if [[ -n "$CEILING_PID" ]] && kill -0 "$CEILING_PID" 2>/dev/null; then
    kill -TERM "$CEILING_PID" 2>/dev/null || true
    wait "$CEILING_PID" 2>/dev/null || true
  fi
  mkdir -p "$LOGS" 2>/dev/null || true
  { "$SCRIPT_DIR/down.sh" >>"$LOGS/down.log" 2>&1; } 2>/dev/null || "$SCRIPT_DIR/down.sh" >/dev/null 2>&1 || true
  local entry pid marker left=()
  for entry in "${OWN[@]}"; do
    pid="${entry%%:*}" marker="${entry#*:}"
    if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$marker"; then
      kill -TERM "$pid" 2>/dev/null || true
      left+=("$pid")
    fi
  done
  for pid in "${left[@]}"; do
    for (( i = 0; i < 300; i++ )); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  # the broker's data and the request files run to gigabytes; every run makes its own anew
  if [[ -z "$(pid_of "$BENCH_HOME/kafka/kafka.pid")" ]]; then
    rm -rf "${BENCH_HOME:?}/kafka/data"
  fi
  rm -f "${WORK:?}"/*.tsv "$WORK/bodies.txt"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- build

cd "$REPO_ROOT"
if (( BUILD )); then
  log "building (mvn -B -q -DskipTests package: common, ingest-service, processor-service, benchmarks)"
  mvn -B -q -ntp -DskipTests package -pl ingest-service,processor-service,benchmarks -am >"$LOGS/build.log" 2>&1 \
    || { tail -n 40 "$LOGS/build.log" >&2; die "build failed (log: $LOGS/build.log)"; }
fi
BENCH_JAR="$REPO_ROOT/benchmarks/target/alertline-benchmarks-0.1.0-SNAPSHOT.jar"
for f in "$BENCH_JAR" "$REPO_ROOT/ingest-service/target/ingest-service-0.1.0-SNAPSHOT-exec.jar" \
         "$REPO_ROOT/processor-service/target/processor-service-0.1.0-SNAPSHOT-exec.jar"; do
  [[ -f "$f" ]] || die "missing $f (run without --no-build, or 'mvn -DskipTests package')"
done
[[ -d "$REPO_ROOT/benchmarks/target/lib" ]] || die "missing benchmarks/target/lib (run 'mvn -DskipTests package')"
# a private copy, so a concurrent 'mvn clean' cannot pull the classes from under a running phase
rm -rf "${WORK:?}/lib" && mkdir -p "$WORK/lib"
cp "$BENCH_JAR" "$WORK/lib/" && cp "$REPO_ROOT"/benchmarks/target/lib/*.jar "$WORK/lib/"
CP="$WORK/lib/*"
tool() {
  java -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dlogback.configurationFile="$SCRIPT_DIR/bench/logback-tools.xml" \
    -cp "$CP" io.alertline.bench.tool.BenchTool "$@"
}

# ---------------------------------------------------------------- helpers

port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" >/dev/null 2>&1; }


# name pid rss_kb hwm_kb when
rss_line() {
  local name="$1" pid="$2" when="$3"
  [[ -n "$pid" && -r "/proc/$pid/status" ]] || return 0
  awk -v n="$name" -v p="$pid" -v w="$when" '/^VmRSS:/{r=$2} /^VmHWM:/{h=$2} END{print n, p, r, h, w}' \
    "/proc/$pid/status" >>"$RES/rss.txt"
}

wait_http() { # url seconds
  local deadline=$(( SECONDS + $2 ))
  until curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null; do
    (( SECONDS < deadline )) || return 1
    sleep 0.5
  done
}

# CPU time of a process in ms (utime + stime from /proc/PID/stat), for CPU per request: less
# sensitive to other load on the machine than req/s
CLK_TCK="$(getconf CLK_TCK 2>/dev/null || echo 100)"
cpu_ms() { [[ -n "$1" && -r "/proc/$1/stat" ]] && awk -v t="$CLK_TCK" '{sub(/^.*\) /, ""); print ($12 + $13) * 1000 / t}' "/proc/$1/stat" || echo ""; }

wrk_run() { # name url payloads seconds [pid whose CPU time to record]
  local name="$1" url="$2" payloads="$3" secs="$4" cpu_pid="${5:-}" cpu_before=""
  [[ -n "$cpu_pid" ]] && cpu_before="$(cpu_ms "$cpu_pid")"
  log "wrk $name: -t$THREADS -c$CONNECTIONS -d${secs}s $url"
  WRK_RESULT="$RES/$name.json" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${secs}s" --timeout 10s \
    -s "$SCRIPT_DIR/bench/wrk-signed.lua" "$url" -- "$payloads" "$THREADS" >"$LOGS/$name.wrk.txt" 2>&1 \
    || { cat "$LOGS/$name.wrk.txt" >&2; die "wrk $name failed"; }
  [[ -s "$RES/$name.json" ]] || { cat "$LOGS/$name.wrk.txt" >&2; die "wrk $name wrote no result"; }
  if [[ -n "$cpu_before" ]]; then
    echo "$name $cpu_before $(cpu_ms "$cpu_pid")" >>"$RES/cpu.txt"
  fi
}

processor_pid() { pid_of "$BENCH_HOME/run/processor-service.pid"; }
ingest_pid() { pid_of "$BENCH_HOME/run/ingest-service.pid"; }

stop_processor() {
  local pid
  pid="$(processor_pid)"
  [[ -n "$pid" ]] || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for (( i = 0; i < 300; i++ )); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  rm -f "$BENCH_HOME/run/processor-service.pid"
}

ceil_div() { echo $(( ($1 + $2 - 1) / $2 )); }

# ---------------------------------------------------------------- start state

log "mode $MODE; results in $RES"
if [[ -z "${ALERTLINE_JAVA_OPTS:-}" && "$JAVA_FLAGS" != "$DOCKER_FLAGS" ]]; then
  log "WARNING: the ingest runs with '$JAVA_FLAGS', its image (ingest-service/Dockerfile) with '$DOCKER_FLAGS'"
fi
cat /proc/loadavg >"$RES/loadavg_before.txt"
ps -eo pid,pcpu,pmem,etimes,comm --sort=-pcpu | head -n 12 >"$RES/ps_before.txt" || true

# leftovers of an earlier run of this script (same state dir) are stopped; a fresh broker every run
"$SCRIPT_DIR/down.sh" >"$LOGS/down-before.log" 2>&1 || true
rm -rf "$BENCH_HOME/kafka/data" "$BENCH_HOME/kafka/cluster.id"
for p in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT" "$INGEST_PORT" "$PROCESSOR_PORT" "$CEILING_PORT"; do
  port_open "$p" && die "port 127.0.0.1:$p is in use by another process; set the BENCH_*_PORT variables"
done

# Secrets (as up.sh would generate them) plus the benchmark configuration: a rate limit that
# never triggers (one client address sends everything).
ENV_FILE="$BENCH_HOME/local.env"
gen_secret() { od -An -tx1 -N24 /dev/urandom | tr -d ' \n'; }
if [[ ! -f "$ENV_FILE" ]]; then
  ( umask 077
    { echo "# alertline benchmark secrets and settings, generated by scripts/bench.sh"
      echo "WEBHOOK_SECRET=$(gen_secret)"
      echo "WEBHOOK_BEARER_TOKENS=$(gen_secret)"
      echo "RECORD_SIGNING_KEY=$(gen_secret)"; } >"$ENV_FILE" )
fi
grep -v '^RATE_LIMIT_PER_MINUTE=' "$ENV_FILE" >"$ENV_FILE.tmp" || true
echo "RATE_LIMIT_PER_MINUTE=1000000000" >>"$ENV_FILE.tmp"
# The processor's API and actuator behind tokens, as in production; the tool scrapes its metrics
# with the read-only metrics token.
for key in PROCESSOR_API_TOKEN PROCESSOR_METRICS_TOKEN; do
  grep -qE "^$key=.+" "$ENV_FILE.tmp" || echo "$key=$(gen_secret)" >>"$ENV_FILE.tmp"
done
mv -f "$ENV_FILE.tmp" "$ENV_FILE" && chmod 600 "$ENV_FILE"
WEBHOOK_SECRET="$(sed -n 's/^WEBHOOK_SECRET=//p' "$ENV_FILE" | head -n 1)"
PROCESSOR_METRICS_TOKEN="$(sed -n 's/^PROCESSOR_METRICS_TOKEN=//p' "$ENV_FILE" | head -n 1)"
export WEBHOOK_SECRET PROCESSOR_METRICS_TOKEN

# ---------------------------------------------------------------- JMH

if (( JMH )); then
  log "JMH ($JMH_OPTS)"
  # shellcheck disable=SC2086
  java -cp "$CP" org.openjdk.jmh.Main $JMH_OPTS -rf json -rff "$RES/jmh.json" 'io.alertline.bench.jmh.*' \
    >"$LOGS/jmh.txt" 2>&1 || { tail -n 40 "$LOGS/jmh.txt" >&2; die "JMH failed"; }
fi

# ---------------------------------------------------------------- payloads

# Each phase gets its own distinct requests (about 4 KB each), MAX_RPS_GUESS x its seconds of them;
# a faster server cycles through them again (wrk reports payload_wraps), and the processor then
# sees some alerts twice: it counts those as result="duplicate" (still one outcome written each).
MAX_RPS_GUESS="${BENCH_MAX_RPS_GUESS:-3000}"
if [[ $MODE == smoke ]]; then MAX_RPS_GUESS=300; fi
n_sat=$(( MAX_RPS_GUESS * DURATION ))
n_warm=$(( MAX_RPS_GUESS * WARMUP ))   # cycled through during the longer LOAD_WARMUP
n_jfr=$(( MAX_RPS_GUESS * JFR_SECONDS ))
n_fixed=$(( FIXED_RATE * (DURATION + WARMUP) + 100 ))
n_e2e=$(( $(ceil_div $(( E2E_ALERT_RATE * (DURATION + E2E_WARMUP) * 10 )) 55) + 200 ))
log "generating signed payloads (saturation $n_sat, warm-up $n_warm, JFR $n_jfr, fixed $n_fixed, e2e $n_e2e)"
tool payloads --run "$STAMP-s" --count "$n_sat" --out "$WORK/sat.tsv" --bodies "$WORK/bodies.txt" --bodies-count 5000 >"$RES/payloads.json"
tool payloads --run "$STAMP-w" --count "$n_warm" --out "$WORK/warm.tsv" >/dev/null
tool payloads --run "$STAMP-j" --count "$n_jfr" --out "$WORK/jfr.tsv" >/dev/null
tool payloads --run "$STAMP-f" --count "$n_fixed" --out "$WORK/fixed.tsv" >/dev/null
tool payloads --run "$STAMP-e" --count "$n_e2e" --out "$WORK/e2e.tsv" >/dev/null

# ---------------------------------------------------------------- broker

log "starting the broker on $BOOTSTRAP"
"$SCRIPT_DIR/kafka.sh" start >"$LOGS/kafka-start.log" 2>&1 || { cat "$LOGS/kafka-start.log" >&2; die "broker start failed"; }
KAFKA_PID="$(pid_of "$BENCH_HOME/kafka/kafka.pid")"
remember "$KAFKA_PID" "$BENCH_HOME/kafka/server.properties"
KAFKA_CP="$(cat "$BENCH_HOME/kafka/classpath.txt")"

# ---------------------------------------------------------------- ceiling A

log "ceiling A: bare WebFlux app on 127.0.0.1:$CEILING_PORT ($JAVA_FLAGS)"
CEILING_PORT="$CEILING_PORT" MALLOC_ARENA_MAX="$INGEST_MALLOC_ARENA_MAX" \
  java "${JAVA_FLAGS_A[@]}" -cp "$CP" io.alertline.bench.ceiling.CeilingApplication \
  >"$LOGS/ceiling.log" 2>&1 </dev/null &
CEILING_PID=$!
wait_http "http://127.0.0.1:$CEILING_PORT/health" 60 || { tail -n 30 "$LOGS/ceiling.log" >&2; die "ceiling app did not start"; }
wrk_run ceiling_a_warmup "http://127.0.0.1:$CEILING_PORT" "$WORK/warm.tsv" "$LOAD_WARMUP"
wrk_run ceiling_a "http://127.0.0.1:$CEILING_PORT" "$WORK/sat.tsv" "$DURATION" "$CEILING_PID"
rss_line ceiling "$CEILING_PID" "after its load"
kill -TERM "$CEILING_PID" 2>/dev/null || true
wait "$CEILING_PID" 2>/dev/null || true
CEILING_PID=""

# ---------------------------------------------------------------- ceiling B

log "ceiling B: ProducerPerformance, $CEILING_B_RECORDS records, acks=all"
kafka_tool() { java -Xmx512m -XX:+UseSerialGC -Dlog4j2.configurationFile="$BENCH_HOME/kafka/log4j2-tools.xml" -cp "$KAFKA_CP" "$@"; }
kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
  --topic bench.ceiling-b --partitions 3 --replication-factor 1 >"$LOGS/ceiling_b_topic.log" 2>&1
PRODUCER_PROPS=(bootstrap.servers="$BOOTSTRAP" acks=all enable.idempotence=true compression.type=none linger.ms=0 max.in.flight.requests.per.connection=1)
kafka_tool org.apache.kafka.tools.ProducerPerformance --topic bench.ceiling-b \
  --num-records "$(( CEILING_B_RECORDS / 5 + 1 ))" --throughput -1 --payload-file "$WORK/bodies.txt" \
  --producer-props "${PRODUCER_PROPS[@]}" >"$LOGS/ceiling_b_warmup.txt" 2>&1 \
  || { tail -n 20 "$LOGS/ceiling_b_warmup.txt" >&2; die "ProducerPerformance failed"; }
kafka_tool org.apache.kafka.tools.ProducerPerformance --topic bench.ceiling-b \
  --num-records "$CEILING_B_RECORDS" --throughput -1 --payload-file "$WORK/bodies.txt" \
  --producer-props "${PRODUCER_PROPS[@]}" >"$RES/ceiling_b.txt" 2>&1 \
  || { tail -n 20 "$RES/ceiling_b.txt" >&2; die "ProducerPerformance failed"; }
tail -n 1 "$RES/ceiling_b.txt"

# ---------------------------------------------------------------- services

log "starting ingest (127.0.0.1:$INGEST_PORT) and processor (127.0.0.1:$PROCESSOR_PORT) with scripts/up.sh"
"$SCRIPT_DIR/up.sh" --detach --no-build >"$LOGS/up.log" 2>&1 || { tail -n 40 "$LOGS/up.log" >&2; die "up.sh failed"; }
cp "$BENCH_HOME/logs/"*.log "$LOGS/" 2>/dev/null || true
remember "$(ingest_pid)" ingest-service
remember "$(processor_pid)" processor-service
jvm_flags() { # the arguments between java and -jar/-cp of a running JVM
  [[ -r "/proc/$1/cmdline" ]] || return 0
  tr '\0' '\n' <"/proc/$1/cmdline" | awk 'NR>1 && ($0=="-jar" || $0=="-cp") {exit} NR>1 {printf "%s%s", sep, $0; sep=" "}'
}
json_str() { printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"; }
printf '{"ceiling":%s,"ingest":%s,"ingest_image":%s,"malloc_arena_max":%s,"processor":%s}\n' "$(json_str "$JAVA_FLAGS")" \
  "$(json_str "$(jvm_flags "$(ingest_pid)")")" "$(json_str "$DOCKER_FLAGS")" \
  "$(json_str "$(tr '\0' '\n' <"/proc/$(ingest_pid)/environ" 2>/dev/null | sed -n 's/^MALLOC_ARENA_MAX=//p')")" \
  "$(json_str "$(jvm_flags "$(processor_pid)")")" >"$RES/jvm_flags.json"

# ---------------------------------------------------------------- end to end

log "end to end: $E2E_ALERT_RATE alerts/s for ${E2E_WARMUP}s warm-up + ${DURATION}s"
tool fixed-rate --base "$INGEST" --payloads "$WORK/e2e.tsv" --alert-rate "$E2E_ALERT_RATE" \
  --warmup "$E2E_WARMUP" --duration "$DURATION" --processor-prom "$PROCESSOR/actuator/prometheus" \
  --ingest-prom "$INGEST/actuator/prometheus" --kafka "$BOOTSTRAP" --out "$RES/e2e.json" >"$LOGS/e2e.txt" 2>&1 \
  || { tail -n 30 "$LOGS/e2e.txt" >&2; die "end-to-end phase failed"; }
rss_line processor "$(processor_pid)" "after the end-to-end phase"

# ---------------------------------------------------------------- ingest alone

log "stopping the processor: from here on the ingest's records are its backlog"
stop_processor

wrk_run ingest_warmup "$INGEST" "$WORK/warm.tsv" "$LOAD_WARMUP"

FIXED_WARMUP=$(( WARMUP < 5 ? WARMUP : 5 ))
log "ingest at a fixed $FIXED_RATE req/s for ${DURATION}s (+${FIXED_WARMUP}s warm-up)"
tool fixed-rate --base "$INGEST" --payloads "$WORK/fixed.tsv" --rate "$FIXED_RATE" --warmup "$FIXED_WARMUP" \
  --duration "$DURATION" --ingest-prom "$INGEST/actuator/prometheus" --out "$RES/ingest_fixed.json" \
  >"$LOGS/ingest_fixed.txt" 2>&1 || { tail -n 30 "$LOGS/ingest_fixed.txt" >&2; die "fixed-rate phase failed"; }

# Ceiling C, the minimal durable ingest, with the same flags, load and broker, measured in rounds
# that alternate with the ingest's saturation rounds (BENCH_ROUNDS of DURATION/ROUNDS seconds
# each): load from outside the benchmark then falls on both alike, which makes their ratio the
# least noisy figure of the run. Both JVMs are up meanwhile; the one not under load is idle.
log "ceiling C: minimal durable ingest on 127.0.0.1:$CEILING_PORT ($JAVA_FLAGS)"
kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
  --topic bench.durable --partitions 3 --replication-factor 1 >"$LOGS/ceiling_c_topic.log" 2>&1
CEILING_PORT="$CEILING_PORT" CEILING_BOOTSTRAP="$BOOTSTRAP" CEILING_TOPIC=bench.durable MALLOC_ARENA_MAX="$INGEST_MALLOC_ARENA_MAX" \
  java "${JAVA_FLAGS_A[@]}" -cp "$CP" io.alertline.bench.ceiling.DurableCeilingApplication \
  >"$LOGS/ceiling_c.log" 2>&1 </dev/null &
CEILING_PID=$!
wait_http "http://127.0.0.1:$CEILING_PORT/health" 60 || { tail -n 30 "$LOGS/ceiling_c.log" >&2; die "ceiling C did not start"; }
wrk_run ceiling_c_warmup "http://127.0.0.1:$CEILING_PORT" "$WORK/warm.tsv" "$LOAD_WARMUP"

SLICE=$(( DURATION / ROUNDS ))
(( SLICE >= 1 )) || SLICE=1
log "ceiling C and ingest at saturation: $ROUNDS alternating rounds of ${SLICE}s each"
tool scrape --url "$INGEST/actuator/prometheus" --out "$WORK/ingest_sat_before.prom"
C_PARTS="" I_PARTS=""
for (( r = 1; r <= ROUNDS; r++ )); do
  # Which goes first alternates too: whatever a round leaves behind (the broker's writeback, a
  # collection due) falls on the next one, and the machine's speed drifts within a run (C's rounds
  # have read 15,600-20,200 req/s in one run), so short rounds in both orders share it out evenly.
  if (( r % 2 )); then
    wrk_run "ceiling_c_r$r" "http://127.0.0.1:$CEILING_PORT" "$WORK/sat.tsv" "$SLICE" "$CEILING_PID"
    wrk_run "ingest_saturation_r$r" "$INGEST" "$WORK/sat.tsv" "$SLICE" "$(ingest_pid)"
  else
    wrk_run "ingest_saturation_r$r" "$INGEST" "$WORK/sat.tsv" "$SLICE" "$(ingest_pid)"
    wrk_run "ceiling_c_r$r" "http://127.0.0.1:$CEILING_PORT" "$WORK/sat.tsv" "$SLICE" "$CEILING_PID"
  fi
  C_PARTS+="${C_PARTS:+,}$RES/ceiling_c_r$r.json" I_PARTS+="${I_PARTS:+,}$RES/ingest_saturation_r$r.json"
done
tool scrape --url "$INGEST/actuator/prometheus" --out "$WORK/ingest_sat_after.prom"
tool wrk-merge --parts "$C_PARTS" --out "$RES/ceiling_c.json"
tool wrk-merge --parts "$I_PARTS" --out "$RES/ingest_saturation.json"
for phase in ceiling_c ingest_saturation; do # one CPU line per phase, summed over its rounds
  awk -v p="$phase" '$1 ~ ("^" p "_r[0-9]+$") { t += $3 - $2 } END { print p, 0, t }' "$RES/cpu.txt" >>"$RES/cpu.txt"
done
rss_line ceiling_c "$CEILING_PID" "after its load"
kill -TERM "$CEILING_PID" 2>/dev/null || true
wait "$CEILING_PID" 2>/dev/null || true
CEILING_PID=""
tool hist --before "$WORK/ingest_sat_before.prom" --after "$WORK/ingest_sat_after.prom" \
  --metric alertline_ingest_publish_latency_seconds >"$RES/ingest_saturation_publish.json"
rss_line ingest "$(ingest_pid)" "after the saturation phase (before JFR)"

# JFR only now: its buffers and classes (about 25 MB) must not count in the ingest's peak memory
# above, which is what production (no JFR) sees. Started (and dropped) once under load first: its
# first start in a JVM costs throughput for a while (seen here: more than half of it), which
# belongs in no measured phase.
JFC="$SCRIPT_DIR/bench/ingest-profile.jfc"
jcmd "$(ingest_pid)" JFR.start name=warmup settings="$JFC" >"$LOGS/jfr.txt" 2>&1 || die "JFR.start failed (see $LOGS/jfr.txt)"
wrk_run ingest_jfr_warmup "$INGEST" "$WORK/warm.tsv" "$(( LOAD_WARMUP / 2 > 1 ? LOAD_WARMUP / 2 : 1 ))"
jcmd "$(ingest_pid)" JFR.stop name=warmup >>"$LOGS/jfr.txt" 2>&1 || true
log "JFR: profiling the ingest under the same load for ${JFR_SECONDS}s"
IPID="$(ingest_pid)"
jcmd "$IPID" JFR.start name=bench settings="$JFC" >>"$LOGS/jfr.txt" 2>&1 || die "JFR.start failed"
wrk_run ingest_jfr_load "$INGEST" "$WORK/jfr.tsv" "$JFR_SECONDS"
jcmd "$IPID" JFR.dump name=bench filename="$RES/ingest.jfr" >>"$LOGS/jfr.txt" 2>&1 || die "JFR.dump failed"
jcmd "$IPID" JFR.stop name=bench >>"$LOGS/jfr.txt" 2>&1 || true
tool jfr --file "$RES/ingest.jfr" --out "$RES/jfr.json" --text "$RES/jfr.txt" >/dev/null

log "durability: every 200 of the ingest against the records in its topics"
tool kafka-records --kafka "$BOOTSTRAP" --out "$RES/kafka_records.json" \
  --expect-from "$RES/e2e.json,$RES/ingest_warmup.json,$RES/ingest_fixed.json,$RES/ingest_saturation.json,$RES/ingest_jfr_warmup.json,$RES/ingest_jfr_load.json" \
  >"$LOGS/kafka_records.txt" 2>&1 || log "durability check failed (see $RES/kafka_records.json, $LOGS/kafka_records.txt)"

# ---------------------------------------------------------------- processor on the backlog

log "drain: starting the processor on the backlog (measuring for up to ${DRAIN_MAX_S}s)"
tool drain --prom "$PROCESSOR/actuator/prometheus" --kafka "$BOOTSTRAP" \
  --expect-from "$RES/ingest_warmup.json,$RES/ingest_fixed.json,$RES/ingest_saturation.json,$RES/ingest_jfr_warmup.json,$RES/ingest_jfr_load.json" \
  --timeout "$(( DRAIN_MAX_S + 120 ))" --max-seconds "$DRAIN_MAX_S" --out "$RES/drain.json" >"$LOGS/drain.txt" 2>&1 &
DRAIN_PID=$!
BG_PIDS+=("$DRAIN_PID")
INGEST_PID_BEFORE="$(ingest_pid)"
"$SCRIPT_DIR/up.sh" --detach --no-build >"$LOGS/up-processor.log" 2>&1 || { tail -n 40 "$LOGS/up-processor.log" >&2; die "processor restart failed"; }
# Nothing changed, so up.sh must have left the ingest running (the end-of-run memory reading is of
# the process measured above; a restart here once hid a settings hash that differed on every run).
[[ "$(ingest_pid)" == "$INGEST_PID_BEFORE" ]] \
  || die "up.sh restarted the ingest (pid $INGEST_PID_BEFORE -> $(ingest_pid)) although no setting changed (see $LOGS/up-processor.log)"
remember "$(processor_pid)" processor-service
drain_rc=0
wait "$DRAIN_PID" || drain_rc=$?
BG_PIDS=()
(( drain_rc == 0 )) || log "drain ended with status $drain_rc (see $LOGS/drain.txt)"

# ---------------------------------------------------------------- memory, machine, report

rss_line ingest_with_jfr "$(ingest_pid)" "end of run (JFR ran)"
rss_line processor "$(processor_pid)" "end of run (after draining)"
rss_line kafka "$KAFKA_PID" "end of run"
cp "$BENCH_HOME/logs/"*.log "$LOGS/" 2>/dev/null || true
oom() { local n; n="$(grep -c 'OutOfMemoryError' "$LOGS/$1.log" 2>/dev/null)" || true; echo "${n:-0}"; }
printf '{"ingest_out_of_memory":%d,"processor_out_of_memory":%d}\n' "$(oom ingest-service)" "$(oom processor-service)" \
  >"$RES/log_errors.json"
ps -eo pid,pcpu,pmem,etimes,comm --sort=-pcpu | head -n 12 >"$RES/ps_after.txt" || true
tool machine --out "$RES/machine.json" --load-before "$(cat "$RES/loadavg_before.txt")" >/dev/null

log "report"
report_rc=0
tool report --dir "$RES" --mode "$MODE" --command "$COMMAND_LINE" --threads "$THREADS" \
  --connections "$CONNECTIONS" --duration "$DURATION" --warmup "$WARMUP" --jvm-flags "$JAVA_FLAGS" || report_rc=$?
ln -sfn "$RES" "$BENCH_HOME/results/latest" 2>/dev/null || true
log "results: $RES/result.json, $RES/table.md (also $BENCH_HOME/results/latest)"
exit "$report_rc"
