#!/usr/bin/env bash
# shellcheck disable=SC2015
# Run the whole alertline pipeline locally: Kafka broker + ingest-service + processor-service.
#
#   scripts/up.sh              build, start everything, then follow the service logs; Ctrl-C stops all
#   scripts/up.sh --detach     build, start everything and return (stop later with scripts/down.sh)
#   scripts/up.sh --no-build   skip 'mvn -B -q -DskipTests package' (use the jars already in target/)
#
# Environment (all optional):
#   ALERTLINE_HOME          state dir (default <repo>/.alertline): local.env, logs/, run/, kafka/
#   KAFKA_PORT              broker port (default 29092); KAFKA_CONTROLLER_PORT (default 29093)
#   INGEST_PORT             ingest-service HTTP port (default 5001)
#   PROCESSOR_PORT          processor-service HTTP port (default 5002)
#   RECOVERY_DIR            recovery scripts dir (default <repo>/scripts/recovery; created if missing)
#   INGEST_JAVA_OPTS        JVM flags of the ingest (default: the ingest image's, 80 MB heap, serial GC,
#                           capped code cache and direct memory: at most 256 MB resident under saturation,
#                           docs/PERFORMANCE.md); it also runs with MALLOC_ARENA_MAX=2 unless that is set
#   PROCESSOR_JAVA_OPTS     JVM flags of the processor (default "-Xmx384m -XX:+UseSerialGC")
#   ALERTLINE_JAVA_OPTS     if set, JVM flags for both services (overrides the two above)
#   ALERTLINE_HEALTH_TIMEOUT  seconds to wait for each service's /health (default 90)
#   INGEST_BIND_ADDRESS     address the ingest listens on (default 127.0.0.1; 0.0.0.0 = every interface)
#   PROCESSOR_BIND_ADDRESS  address the processor listens on (default 127.0.0.1; beyond loopback it
#                           requires PROCESSOR_API_TOKEN, which local.env always has)
#
# Secrets: generated once into $ALERTLINE_HOME/local.env (mode 600) and reused:
#   WEBHOOK_SECRET, WEBHOOK_BEARER_TOKENS, RECORD_SIGNING_KEY, PROCESSOR_API_TOKEN.
# Any other VAR=value lines you add there (e.g. SLACK_WEBHOOK_URL) are exported to both services.
# Re-running up.sh after changing local.env (or the ports, JVM flags, RECOVERY_DIR above) restarts
# the running services with the new settings; unchanged, it leaves them running.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"

usage() { sed -n '3,28p' "$0" | sed 's/^# \{0,1\}//'; }

BUILD=1
DETACH=0
for a in "$@"; do
  case "$a" in
    --no-build) BUILD=0 ;;
    --detach|-d) DETACH=1 ;;
    -h|--help) usage; exit 0 ;;
    *) printf 'up.sh: unknown option %s\n\n' "$a" >&2; usage >&2; exit 2 ;;
  esac
done

log() { printf '%s\n' "$*"; }
die() { printf 'up.sh: %s\n' "$*" >&2; exit 1; }

ALERTLINE_HOME="${ALERTLINE_HOME:-$REPO_ROOT/.alertline}"
mkdir -p "$ALERTLINE_HOME"
ALERTLINE_HOME="$(cd "$ALERTLINE_HOME" && pwd)"
export ALERTLINE_HOME

export KAFKA_PORT="${KAFKA_PORT:-29092}"
export KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-29093}"
INGEST_PORT="${INGEST_PORT:-5001}"
PROCESSOR_PORT="${PROCESSOR_PORT:-5002}"
RECOVERY_DIR="${RECOVERY_DIR:-$REPO_ROOT/scripts/recovery}"
RECOVERY_DIR_SETTING="$RECOVERY_DIR"
# The ingest image's flags (ingest-service/Dockerfile, JDK_JAVA_OPTIONS), verbatim: scripts/bench.sh checks they match.
INGEST_JAVA_OPTS="${ALERTLINE_JAVA_OPTS:-${INGEST_JAVA_OPTS:--Xmx80m -Xss512k -XX:ReservedCodeCacheSize=48m -XX:MaxDirectMemorySize=32m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp}}"
PROCESSOR_JAVA_OPTS="${ALERTLINE_JAVA_OPTS:-${PROCESSOR_JAVA_OPTS:--Xmx384m -XX:+UseSerialGC}}"
ALERTLINE_HEALTH_TIMEOUT="${ALERTLINE_HEALTH_TIMEOUT:-90}"
# The environment's settings as this run found them, before local.env is sourced and defaults are
# exported (both happen before the services start, when the hash is recorded): a re-run with the
# same environment must compute the same hash, or it restarts services that did not change.
SETTINGS_FROM_ENV=("$INGEST_PORT" "$PROCESSOR_PORT" "$KAFKA_PORT" "${KAFKA_CONTROLLER_PORT:-}" "$RECOVERY_DIR_SETTING"
  "$INGEST_JAVA_OPTS" "$PROCESSOR_JAVA_OPTS" "${INGEST_BIND_ADDRESS:-}" "${PROCESSOR_BIND_ADDRESS:-}" "${MALLOC_ARENA_MAX:-}")

ENV_FILE="$ALERTLINE_HOME/local.env"
LOG_DIR="$ALERTLINE_HOME/logs"
RUN_DIR="$ALERTLINE_HOME/run"
VERSION="0.1.0-SNAPSHOT"
SERVICES=(ingest-service processor-service)
declare -A PORT=([ingest-service]="$INGEST_PORT" [processor-service]="$PROCESSOR_PORT")

for p in "$INGEST_PORT" "$PROCESSOR_PORT"; do
  [[ "$p" =~ ^[0-9]+$ ]] && (( p > 0 && p < 65536 )) || die "invalid port '$p' (INGEST_PORT / PROCESSOR_PORT)"
done
[[ "$INGEST_PORT" != "$PROCESSOR_PORT" ]] || die "INGEST_PORT and PROCESSOR_PORT must differ"

command -v java >/dev/null 2>&1 || die "java not found on PATH (Java 17+ required)"
command -v curl >/dev/null 2>&1 || die "curl not found on PATH (used for the /health checks)"
if (( BUILD )); then
  command -v mvn >/dev/null 2>&1 || die "mvn not found on PATH (or use --no-build with prebuilt jars)"
fi

# ---------------------------------------------------------------- helpers

port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" >/dev/null 2>&1; }

jar_of() { printf '%s/%s/target/%s-%s-exec.jar\n' "$REPO_ROOT" "$1" "$1" "$VERSION"; }

# pid of a running service started by this script, or empty
service_pid() {
  local svc="$1" pid_file="$RUN_DIR/$1.pid" pid
  [[ -f "$pid_file" ]] || return 0
  pid="$(tr -dc '0-9' <"$pid_file" 2>/dev/null || true)"
  [[ -n "$pid" ]] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  if [[ -r "/proc/$pid/cmdline" ]]; then
    local cmd
    cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
    [[ "$cmd" == *-jar*"$svc"* ]] || return 0
  fi
  printf '%s\n' "$pid"
}

gen_secret() {
  if command -v openssl >/dev/null 2>&1; then
    openssl rand -hex 24
  else
    od -An -tx1 -N24 /dev/urandom | tr -d ' \n'
    echo
  fi
}

# Create local.env on first run; on later runs reuse it and only add missing keys.
ensure_env_file() {
  local key created=0
  if [[ ! -f "$ENV_FILE" ]]; then
    ( umask 077
      cat >"$ENV_FILE" <<EOF
# alertline local secrets, generated by scripts/up.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ).
# Private (mode 600). Reused on every run; delete this file to get new secrets.
# Every VAR=value line here is exported to both services (add SLACK_WEBHOOK_URL=... etc.).
# In a shell:  source $ENV_FILE
EOF
    )
    created=1
  fi
  chmod 600 "$ENV_FILE"
  for key in WEBHOOK_SECRET WEBHOOK_BEARER_TOKENS RECORD_SIGNING_KEY PROCESSOR_API_TOKEN; do
    if ! grep -qE "^[[:space:]]*(export[[:space:]]+)?$key=.+" "$ENV_FILE"; then
      printf '%s=%s\n' "$key" "$(gen_secret)" >>"$ENV_FILE"
      (( created )) || log "Added a generated $key to $ENV_FILE"
    fi
  done
  if (( created )); then
    log "Generated secrets in $ENV_FILE (mode 600)"
  else
    log "Using secrets from $ENV_FILE"
  fi
}

stop_all() {
  "$SCRIPT_DIR/down.sh" || true
}

# What the services start with, as one hash: local.env and this script's own knobs. Recorded
# when they start, so a re-run can tell whether the running ones still match.
settings_hash() {
  {
    [[ -f "$ENV_FILE" ]] && cat "$ENV_FILE"
    # the environment's own overrides count too: a changed bind address must restart the listener
    printf '%s\n' "${SETTINGS_FROM_ENV[@]}"
  } | cksum | cut -d' ' -f1
}
SETTINGS_FILE="$RUN_DIR/settings.hash"

# ---------------------------------------------------------------- 1. build

any_running=0
for svc in "${SERVICES[@]}"; do
  [[ -n "$(service_pid "$svc")" ]] && any_running=1
done

# Running services keep the environment they started with: after a change, restart them.
if (( any_running )); then
  if [[ ! -f "$SETTINGS_FILE" ]]; then
    log "up.sh: the running services were started without a settings record; changes to $ENV_FILE are NOT applied"
    log "       (run scripts/down.sh, then scripts/up.sh, to start them with the current settings)"
  elif [[ "$(cat "$SETTINGS_FILE")" != "$(settings_hash)" ]]; then
    log "Settings changed since the services started ($ENV_FILE, ports, JVM flags or RECOVERY_DIR): restarting them"
    "$SCRIPT_DIR/down.sh" --keep-kafka || die "could not stop the running services; stop them with scripts/down.sh"
    any_running=0
  fi
fi

if (( BUILD )); then
  if (( any_running )); then
    log "Services already running: not rebuilding (run scripts/down.sh first to pick up code changes)"
  else
    log "Building (mvn -B -q -DskipTests package)..."
    t0=$SECONDS
    ( cd "$REPO_ROOT" && mvn -B -q -DskipTests package ) || die "build failed (see the Maven output above)"
    log "Build done in $(( SECONDS - t0 ))s"
  fi
fi

# ---------------------------------------------------------------- 2. preflight

for svc in "${SERVICES[@]}"; do
  [[ -n "$(service_pid "$svc")" ]] && continue
  jar="$(jar_of "$svc")"
  if [[ ! -f "$jar" ]]; then
    if (( BUILD )); then
      die "$svc jar not found after the build: $jar"
    fi
    die "$svc jar not found: $jar (run scripts/up.sh without --no-build, or 'mvn -DskipTests package')"
  fi
  if port_open "${PORT[$svc]}"; then
    die "port 127.0.0.1:${PORT[$svc]} for $svc is already in use by another process; stop it or set $( [[ $svc == ingest-service ]] && echo INGEST_PORT || echo PROCESSOR_PORT )"
  fi
done

# ---------------------------------------------------------------- 3. broker

"$SCRIPT_DIR/kafka.sh" start

# From here on, an interrupt during startup stops everything again.
on_startup_signal() {
  trap - INT TERM HUP
  echo
  log "Interrupted: stopping everything..."
  stop_all
  exit 130
}
trap on_startup_signal INT TERM HUP

# ---------------------------------------------------------------- 4. secrets + env

ensure_env_file
set -a
# shellcheck disable=SC1090
source "$ENV_FILE"
set +a

mkdir -p "$RECOVERY_DIR" "$LOG_DIR" "$RUN_DIR"
RECOVERY_DIR="$(cd "$RECOVERY_DIR" && pwd)"
export KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT"
export INGEST_PORT PROCESSOR_PORT RECOVERY_DIR
# Where the services listen (the environment or local.env may say otherwise), and the address
# this script and its printed examples reach them on: a wildcard bind is reached on loopback.
export INGEST_BIND_ADDRESS="${INGEST_BIND_ADDRESS:-127.0.0.1}"
export PROCESSOR_BIND_ADDRESS="${PROCESSOR_BIND_ADDRESS:-127.0.0.1}"
reach_host() {
  case "$1" in
    0.0.0.0|::|'[::]') printf '127.0.0.1\n' ;;
    *:*) printf '[%s]\n' "$1" ;;
    *) printf '%s\n' "$1" ;;
  esac
}
listen_note() {
  case "$1" in
    0.0.0.0|::|'[::]') printf '   (listening on every interface, %s)\n' "$1" ;;
    127.*|::1|localhost) printf '   (this machine only)\n' ;;
    *) printf '   (listening on %s)\n' "$1" ;;
  esac
}
declare -A HOST=([ingest-service]="$(reach_host "$INGEST_BIND_ADDRESS")" [processor-service]="$(reach_host "$PROCESSOR_BIND_ADDRESS")")
INGEST_URL="http://${HOST[ingest-service]}:$INGEST_PORT"
PROCESSOR_URL="http://${HOST[processor-service]}:$PROCESSOR_PORT"

declare -A JVM_OPTS=([ingest-service]="$INGEST_JAVA_OPTS" [processor-service]="$PROCESSOR_JAVA_OPTS")

# ---------------------------------------------------------------- 5. services

declare -A STARTED_AT=()
for svc in "${SERVICES[@]}"; do
  pid="$(service_pid "$svc")"
  if [[ -n "$pid" ]]; then
    log "$svc already running (pid $pid) on ${HOST[$svc]}:${PORT[$svc]}"
    STARTED_AT[$svc]=$SECONDS
    continue
  fi
  svc_log="$LOG_DIR/$svc.log"
  pid_file="$RUN_DIR/$svc.pid"
  read -r -a JAVA_OPTS <<<"${JVM_OPTS[$svc]}"
  # glibc's malloc arenas (up to 8 per core) hold freed native memory: as in the ingest's image
  MALLOC_ENV=(env)
  [[ $svc == ingest-service ]] && MALLOC_ENV=(env "MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}")
  rm -f "$pid_file"
  [[ -f "$svc_log" ]] && mv -f "$svc_log" "$svc_log.1"
  # setsid: own session, so Ctrl-C in this terminal does not hit the JVM directly;
  # the trap below stops it in order. The inner bash writes its pid, then execs java.
  launcher=()
  command -v setsid >/dev/null 2>&1 && launcher=(setsid)
  # shellcheck disable=SC2016
  ( cd "$REPO_ROOT" && exec "${launcher[@]}" nohup bash -c 'echo $$ >"$1"; shift; exec "$@"' "$svc-launch" "$pid_file" \
      "${MALLOC_ENV[@]}" java "${JAVA_OPTS[@]}" -jar "$(jar_of "$svc")" ) >"$svc_log" 2>&1 </dev/null &
  STARTED_AT[$svc]=$SECONDS
  for (( i = 0; i < 50; i++ )); do
    [[ -s "$pid_file" ]] && break
    sleep 0.1
  done
  log "Started $svc (pid $(cat "$pid_file" 2>/dev/null || echo '?')), log: $svc_log"
done

# What they now run with (a later run compares against it).
settings_hash >"$SETTINGS_FILE"

# ---------------------------------------------------------------- 6. health

for svc in "${SERVICES[@]}"; do
  url="http://${HOST[$svc]}:${PORT[$svc]}/health"
  svc_log="$LOG_DIR/$svc.log"
  deadline=$(( ${STARTED_AT[$svc]} + ALERTLINE_HEALTH_TIMEOUT ))
  log "Waiting for $svc at $url (up to ${ALERTLINE_HEALTH_TIMEOUT}s)..."
  while :; do
    if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then
      log "$svc healthy after $(( SECONDS - ${STARTED_AT[$svc]} ))s"
      break
    fi
    reason=""
    if [[ -z "$(service_pid "$svc")" ]]; then
      reason="$svc exited during startup"
    elif (( SECONDS >= deadline )); then
      reason="$svc did not answer 200 on $url within ${ALERTLINE_HEALTH_TIMEOUT}s"
    fi
    if [[ -n "$reason" ]]; then
      trap - INT TERM HUP
      {
        log "---- last 30 lines of $svc_log ----"
        tail -n 30 "$svc_log" 2>/dev/null || true
        log "----"
        log "up.sh: $reason; stopping everything"
      } >&2
      stop_all >&2
      exit 1
    fi
    sleep 1
  done
done

# ---------------------------------------------------------------- 7. summary

q_env="$(printf '%q' "$ENV_FILE")"
cat <<EOF

alertline is up
  Kafka broker       127.0.0.1:$KAFKA_PORT   (controller 127.0.0.1:$KAFKA_CONTROLLER_PORT, data $ALERTLINE_HOME/kafka/data)
  ingest-service     $INGEST_URL$(listen_note "$INGEST_BIND_ADDRESS")
  processor-service  $PROCESSOR_URL$(listen_note "$PROCESSOR_BIND_ADDRESS")
  probes             /health, /actuator/health/readiness, /actuator/health/liveness (no token needed)
  logs               $LOG_DIR/ingest-service.log
                     $LOG_DIR/processor-service.log
                     $ALERTLINE_HOME/kafka/kafka.log   (scripts/kafka.sh logs)
  secrets            $ENV_FILE   (mode 600: WEBHOOK_SECRET, WEBHOOK_BEARER_TOKENS, RECORD_SIGNING_KEY, PROCESSOR_API_TOKEN)
  recovery scripts   $RECOVERY_DIR
  topics             scripts/kafka.sh topics
  stop               scripts/down.sh$( (( DETACH )) || printf '   (or Ctrl-C here)' )

Send a signed critical alert (paste into a bash/zsh shell):

source $q_env
BODY='{"alerts":[{"status":"firing","labels":{"alertname":"OllamaServiceDown","severity":"critical","service":"ollama"},"annotations":{"summary":"Ollama service is down","recovery":"auto"}}]}'
SIG=\$(printf '%s' "\$BODY" | openssl dgst -sha256 -hmac "\$WEBHOOK_SECRET" | sed 's/^.* //')
curl -sS -X POST $INGEST_URL/webhook/critical -H 'Content-Type: application/json' -H "X-Signature: \$SIG" --data-binary "\$BODY"; echo

Alertmanager-style (bearer token instead of X-Signature), in the same shell:

curl -sS -X POST $INGEST_URL/webhook/critical -H 'Content-Type: application/json' -H "Authorization: Bearer \${WEBHOOK_BEARER_TOKENS%%,*}" --data-binary "\$BODY"; echo

What the processor did about it (its API wants PROCESSOR_API_TOKEN as a bearer token), in the same shell:

curl -sS "$PROCESSOR_URL/alerts?limit=5" -H "Authorization: Bearer \$PROCESSOR_API_TOKEN"; echo

EOF

if (( DETACH )); then
  trap - INT TERM HUP
  exit 0
fi

# ---------------------------------------------------------------- 8. foreground

TAIL_PID=""
on_stop_signal() {
  trap - INT TERM HUP
  [[ -n "$TAIL_PID" ]] && kill "$TAIL_PID" 2>/dev/null || true
  echo
  log "Stopping alertline..."
  stop_all
  exit 0
}
trap on_stop_signal INT TERM HUP

log "Following service logs (Ctrl-C stops the services and the broker)..."
tail -n 0 -F "$LOG_DIR/ingest-service.log" "$LOG_DIR/processor-service.log" &
TAIL_PID=$!

declare -A REPORTED=()
while :; do
  for svc in "${SERVICES[@]}"; do
    if [[ -z "${REPORTED[$svc]:-}" && -z "$(service_pid "$svc")" ]]; then
      log "up.sh: $svc is no longer running (see $LOG_DIR/$svc.log); Ctrl-C to stop the rest" >&2
      REPORTED[$svc]=1
    fi
  done
  sleep 2 &
  wait $! || true
done
