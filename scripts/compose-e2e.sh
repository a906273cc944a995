#!/usr/bin/env bash
# shellcheck disable=SC2317  # cleanup and helpers run from traps
# The compose deployment, built and run for real: both images are built from the Dockerfiles and
# the stack is started from the project's own docker-compose.yml, unmodified, then checked end to
# end against the running containers.
#
#   scripts/compose-e2e.sh              build the jars (mvn), the images, run every check, clean up
#   scripts/compose-e2e.sh --no-build   use the jars already in */target/ (CI: after mvn verify)
#   scripts/compose-e2e.sh --keep       keep the temporary state dir (logs, results) even on PASS
#   scripts/compose-e2e.sh --no-load    skip the one-minute load (checks 1-5 only)
#
# Engines: `docker compose` (or docker-compose) where a Docker engine answers; otherwise podman,
# installed from Debian's packages with the sandbox settings of scripts/compose/containers.conf,
# driven by docker-compose 1.29 through podman's Docker-compatible socket (a private
# `podman system service`, stopped on exit). Podman runs container healthchecks from systemd
# timers; where there is no systemd (containers, CI sandboxes) this script runs them itself at
# each container's own interval (`podman healthcheck run`), as Docker's engine would.
# Images that cannot be pulled (no registry) are replaced, and nothing else is:
#   eclipse-temurin:17-jre  -> a JRE 17 image made from Debian's packages (scripts/compose/jre-image.sh),
#                              tagged with that name, so the Dockerfiles build unmodified;
#   apache/kafka:4.2.1      -> an image of the same Kafka from Maven Central's jars, configured by the
#                              official image's own KafkaDockerWrapper (scripts/compose/kafka/), put in
#                              place by scripts/compose/registry-free.override.yml (its `image:` only);
#   maven:3.9-eclipse-temurin-17 (the Dockerfiles' build stage) -> not needed: the images take the jars
#                              built on the host (build argument JAR_SOURCE=host, E2E_JAR_SOURCE).
#
# The stack runs from a private copy of the project (git's files, docker-compose.yml compared
# byte for byte with the original) with its own .env (fresh secrets from .env.example) and one
# extra recovery script, as compose project "alertline-e2e" on the compose file's ports
# 5001 (ingest) and 127.0.0.1:5002 (processor), which must be free. Checks, in order:
#   1. a real Prometheus Alertmanager (Debian package, on the host) fires and resolves one alert
#      per category into the ingest container with a bearer token: each notification processed
#      exactly once (GET /alerts of the processor container, with its API token);
#   2. a signed critical alert runs a recovery script mounted into the processor container; a
#      Slack stand-in on the host (scripts/http-catcher.py) gets the message; the script's
#      environment holds none of the secrets;
#   3. kill -9 of the processor's JVM while 500 alerts stream in: the restart policy brings the
#      container back, 500 of 500 processed, none lost;
#   4. Kafka's container stopped and started while alerts stream in: 503 + Retry-After during
#      the outage, 200 after it, every acknowledged alert processed;
#   5. stop (timed, per service), `down`, `up`: the data is still there (named volume), and the
#      processor jar's `verify` in a one-off container of the processor image on the compose
#      network finds every stored record valid;
#   6. one minute at E2E_LOAD_RATE req/s (wrk, scripts/bench/wrk-signed.lua, after a 15 s warm-up):
#      each container's peak memory against its limit, no OOM kill, no restart; the rate reached
#      is reported (wrk 4 is closed-loop: a busy machine answers slower and gets fewer requests).
# Prints a verdict table; exit 0 only if every check passes. Everything it started is removed on
# exit (containers, network, the e2e's volume, the catcher, Alertmanager, the podman service);
# the images stay (named alertline/*, localhost/alertline-*).
#
# Environment (optional): E2E_TIMEOUT (s, per waiting step, default 240), E2E_LOAD_SECONDS (60),
# E2E_LOAD_RATE (1000), E2E_LOAD_MIN_PCT (50: check 6 fails below this share of the rate),
# E2E_ALERTMANAGER_PORT (9293), E2E_CATCHER_PORT (9294), E2E_JAR_SOURCE (host),
# E2E_ENGINE (auto|docker|podman).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
COMPOSE_DIR="$SCRIPT_DIR/compose"

usage() { sed -n '3,54p' "$0" | sed 's/^# \{0,1\}//'; }

BUILD=1
KEEP=0
LOAD=1
for a in "$@"; do
  case "$a" in
    --no-build) BUILD=0 ;;
    --keep) KEEP=1 ;;
    --no-load) LOAD=0 ;;
    -h|--help) usage; exit 0 ;;
    *) printf 'compose-e2e.sh: unknown option %s\n\n' "$a" >&2; usage >&2; exit 2 ;;
  esac
done

E2E_TIMEOUT="${E2E_TIMEOUT:-240}"
E2E_LOAD_SECONDS="${E2E_LOAD_SECONDS:-60}"
E2E_LOAD_RATE="${E2E_LOAD_RATE:-1000}"
E2E_LOAD_MIN_PCT="${E2E_LOAD_MIN_PCT:-50}"
E2E_ALERTMANAGER_PORT="${E2E_ALERTMANAGER_PORT:-9293}"
E2E_CATCHER_PORT="${E2E_CATCHER_PORT:-9294}"
E2E_JAR_SOURCE="${E2E_JAR_SOURCE:-host}"
E2E_ENGINE="${E2E_ENGINE:-auto}"
PROJECT=alertline-e2e
KAFKA_IMAGE_UPSTREAM=apache/kafka:4.2.1
KAFKA_IMAGE_LOCAL=localhost/alertline-kafka:4.2.1
JRE_IMAGE_UPSTREAM=eclipse-temurin:17-jre
JRE_IMAGE_LOCAL=localhost/alertline-jre17:local

T_START=$SECONDS
log() { printf '[compose-e2e %4ds] %s\n' "$(( SECONDS - T_START ))" "$*"; }
die() { log "FAIL: $*"; exit 1; }

# ---------------------------------------------------------------- state, verdicts, cleanup

E2E_HOME="$(mktemp -d "${TMPDIR:-/tmp}/alertline-compose-e2e.XXXXXX")"
chmod 755 "$E2E_HOME"
LOGS="$E2E_HOME/logs"
mkdir -p "$LOGS"
PROJ="$E2E_HOME/project"
VERDICTS=()          # "check|verdict|detail"
FACTS=()             # lines printed after the table
verdict() { VERDICTS+=("$1|$2|$3"); log "$1: $2 — $3"; }
fact() { FACTS+=("$*"); log "$*"; }

PODMAN_SERVICE_PID=""
TICKER_PID=""
CATCHER_PID=""
AM_PID=""
STACK_UP=0
ENGINE=""
C=(false)            # container CLI: docker or podman
COMPOSE=(false)      # compose command with the project's files

stop_pid() { # pid [name]
  local pid="$1"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  [[ -n "${LOAD_PID:-}" ]] && stop_pid "$LOAD_PID"
  [[ -n "${SENDER_PID:-}" ]] && stop_pid "$SENDER_PID"
  stop_pid "$AM_PID"
  stop_pid "$CATCHER_PID"
  if (( STACK_UP )); then
    log "Removing the stack (compose down -v: containers, network, the e2e's volume)"
    (cd "$PROJ" && timeout 180 "${COMPOSE[@]}" down -v --remove-orphans -t 30) >>"$LOGS/down.log" 2>&1 \
      || log "compose down failed; see $LOGS/down.log"
    # The anonymous volumes of the image's VOLUME lines (kafka) that check 5's plain `down` left
    # behind: those created during this run and no longer used.
    local v
    for v in $("${C[@]}" volume ls -q --filter dangling=true 2>/dev/null); do
      grep -qxF "$v" "$E2E_HOME/volumes-before" 2>/dev/null || "${C[@]}" volume rm "$v" >/dev/null 2>&1 || true
    done
  fi
  stop_pid "$TICKER_PID"
  if [[ -n "$PODMAN_SERVICE_PID" ]]; then
    log "Stopping the podman API service (pid $PODMAN_SERVICE_PID)"
    stop_pid "$PODMAN_SERVICE_PID"
  fi
  if (( rc == 0 && KEEP == 0 )); then
    rm -rf "$E2E_HOME"
  else
    log "State and logs kept in $E2E_HOME"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'log "Interrupted"; exit 130' INT TERM HUP

# ---------------------------------------------------------------- 0. tools and engine

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else die "need root (or sudo) for: $*"; fi
}
APT_UPDATED=0
apt_install() {
  local pkgs=("$@") temp_policy=0 rc=0
  log "Installing with apt-get: ${pkgs[*]}"
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then # do not start any packaged service
    as_root sh -c 'printf "#!/bin/sh\nexit 101\n" >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d'
    temp_policy=1
  fi
  if (( ! APT_UPDATED )); then
    as_root timeout 300 apt-get update -q >"$LOGS/apt-update.log" 2>&1 || rc=$?
    APT_UPDATED=1
  fi
  (( rc == 0 )) && { as_root env DEBIAN_FRONTEND=noninteractive timeout 600 \
    apt-get install -y -q --no-install-recommends "${pkgs[@]}" >>"$LOGS/apt.log" 2>&1 || rc=$?; }
  (( temp_policy )) && as_root rm -f /usr/sbin/policy-rc.d
  (( rc == 0 )) || { tail -n 20 "$LOGS/apt.log" >&2 2>/dev/null; die "apt-get failed (exit $rc)"; }
}

T_TOOLS=$SECONDS
need=()
command -v prometheus-alertmanager >/dev/null 2>&1 && command -v amtool >/dev/null 2>&1 || need+=(prometheus-alertmanager)
for t in jq curl wrk python3 openssl; do command -v "$t" >/dev/null 2>&1 || need+=("$t"); done

docker_engine() { # a real Docker engine (not podman's socket) answers
  command -v docker >/dev/null 2>&1 && timeout 10 docker info --format '{{.OperatingSystem}}' 2>/dev/null \
    | grep -qiv podman
}
if [[ "$E2E_ENGINE" == docker ]] || { [[ "$E2E_ENGINE" == auto ]] && docker_engine; }; then
  ENGINE=docker
  C=(docker)
  if docker compose version >/dev/null 2>&1; then COMPOSE_BIN=(docker compose)
  else command -v docker-compose >/dev/null 2>&1 || need+=(docker-compose); COMPOSE_BIN=(docker-compose); fi
else
  ENGINE=podman
  C=(podman)
  for p in podman runc netavark aardvark-dns slirp4netns fuse-overlayfs uidmap containernetworking-plugins \
           iptables catatonit debootstrap docker-compose; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
  done
  COMPOSE_BIN=(docker-compose)
fi
(( ${#need[@]} == 0 )) || apt_install "${need[@]}"
fact "tools ready in $(( SECONDS - T_TOOLS ))s (installed: ${need[*]:-nothing})"

if [[ "$ENGINE" == podman ]]; then
  # The sandbox settings (scripts/compose/containers.conf). They must be in the system file: the
  # podman processes that conmon starts for restarts and cleanup read only that one.
  conf=/etc/containers/containers.conf
  if [[ ! -e "$conf" ]]; then
    as_root install -m 644 "$COMPOSE_DIR/containers.conf" "$conf"
    log "Installed $conf (rlimits, runc, netavark) from scripts/compose/containers.conf"
  else
    for s in 'default_ulimits' 'runtime *= *"runc"' 'network_backend *= *"netavark"'; do
      grep -qE "^[[:space:]]*$s" "$conf" || log "warning: $conf has no '$s' (see scripts/compose/containers.conf)"
    done
  fi
  if [[ "$(podman info --format '{{.Host.NetworkBackend}}' 2>/dev/null)" != netavark ]]; then
    die "podman does not use netavark (compose services could not resolve each other); podman used CNI before: 'podman system reset -f' (deletes its images) makes the setting take effect"
  fi
  SOCK="$E2E_HOME/podman.sock"
  podman system service --time=0 "unix://$SOCK" >"$LOGS/podman-service.log" 2>&1 &
  PODMAN_SERVICE_PID=$!
  for _ in $(seq 1 100); do [[ -S "$SOCK" ]] && break; sleep 0.1; done
  [[ -S "$SOCK" ]] || die "podman system service did not open $SOCK"
  export DOCKER_HOST="unix://$SOCK"
  log "podman $(podman version --format '{{.Client.Version}}') API service on $SOCK (pid $PODMAN_SERVICE_PID); compose: docker-compose $(docker-compose version --short)"
fi

# Host ports of the compose file (and ours) must be free.
port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" >/dev/null 2>&1; }
for p in 5001 5002 "$E2E_ALERTMANAGER_PORT" "$E2E_CATCHER_PORT"; do
  port_open "$p" && die "port $p is in use (the compose file publishes 5001 and 5002; stop what holds it)"
done

# ---------------------------------------------------------------- 1. images that cannot be pulled

image_present() { "${C[@]}" image inspect "$1" >/dev/null 2>&1; }
can_pull() { timeout 120 "${C[@]}" pull -q "$1" >>"$LOGS/pull.log" 2>&1; }

OVERRIDE=()
KAFKA_IMAGE_USED="$KAFKA_IMAGE_UPSTREAM"
T_IMAGES=$SECONDS
if ! image_present "$JRE_IMAGE_UPSTREAM" && ! can_pull "$JRE_IMAGE_UPSTREAM"; then
  [[ "$ENGINE" == podman ]] || die "$JRE_IMAGE_UPSTREAM cannot be pulled and the local JRE image is built with podman"
  command -v debootstrap >/dev/null 2>&1 || apt_install debootstrap
  if ! image_present "$JRE_IMAGE_LOCAL"; then
    log "No registry: building $JRE_IMAGE_LOCAL from Debian's packages (debootstrap; 1-2 minutes)"
    "$COMPOSE_DIR/jre-image.sh" "$JRE_IMAGE_LOCAL" >"$LOGS/jre-image.log" 2>&1 \
      || { tail -n 20 "$LOGS/jre-image.log" >&2; die "building the JRE image failed"; }
  fi
  podman tag "$JRE_IMAGE_LOCAL" "docker.io/library/$JRE_IMAGE_UPSTREAM"
  fact "runtime image: $JRE_IMAGE_UPSTREAM = local $JRE_IMAGE_LOCAL (Debian bookworm openjdk-17-jre-headless)"
fi
if ! image_present "$KAFKA_IMAGE_UPSTREAM" && ! can_pull "$KAFKA_IMAGE_UPSTREAM"; then
  log "No registry: building $KAFKA_IMAGE_LOCAL from Kafka's Maven Central jars (scripts/kafka/pom.xml)"
  kctx="$E2E_HOME/kafka-image"
  mkdir -p "$kctx"
  cp -r "$COMPOSE_DIR/kafka/." "$kctx/"
  (cd "$REPO_ROOT" && timeout 600 mvn -B -ntp -q -f scripts/kafka/pom.xml dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$kctx/libs") >"$LOGS/kafka-jars.log" 2>&1 \
    || { tail -n 20 "$LOGS/kafka-jars.log" >&2; die "resolving Kafka's jars failed"; }
  ls "$kctx/libs"/kafka_2.13-4.2.1.jar >/dev/null 2>&1 || die "kafka_2.13-4.2.1.jar missing from the resolved jars (version drift?)"
  "${C[@]}" build -q --build-arg "RUNTIME_IMAGE=docker.io/library/$JRE_IMAGE_UPSTREAM" -t "$KAFKA_IMAGE_LOCAL" "$kctx" \
    >"$LOGS/kafka-image.log" 2>&1 || { tail -n 20 "$LOGS/kafka-image.log" >&2; die "building the Kafka image failed"; }
  OVERRIDE=(-f "$COMPOSE_DIR/registry-free.override.yml")
  KAFKA_IMAGE_USED="$KAFKA_IMAGE_LOCAL"
  fact "kafka image: $KAFKA_IMAGE_UPSTREAM = local $KAFKA_IMAGE_LOCAL (compose override: image line only)"
fi
log "Base images ready in $(( SECONDS - T_IMAGES ))s"

# ---------------------------------------------------------------- 2. jars, project copy, .env

if (( BUILD )); then
  log "Building the jars (mvn -pl ingest-service,processor-service -am package)"
  (cd "$REPO_ROOT" && timeout 900 mvn -B -q -ntp -DskipTests -pl ingest-service,processor-service -am package) \
    >"$LOGS/mvn.log" 2>&1 </dev/null || { tail -n 30 "$LOGS/mvn.log" >&2; die "mvn package failed"; }
fi
if [[ "$E2E_JAR_SOURCE" == host ]]; then
  for m in ingest-service processor-service; do
    compgen -G "$REPO_ROOT/$m/target/$m-*-exec.jar" >/dev/null || die "no $m/target/$m-*-exec.jar (run without --no-build)"
  done
fi

mkdir -p "$PROJ"
(cd "$REPO_ROOT" && git ls-files -co --exclude-standard -z | xargs -0 cp --parents -t "$PROJ") \
  || die "copying the project failed"
cmp -s "$REPO_ROOT/docker-compose.yml" "$PROJ/docker-compose.yml" || die "the copy's docker-compose.yml differs"
for m in ingest-service processor-service; do
  if compgen -G "$REPO_ROOT/$m/target/$m-*-exec.jar" >/dev/null; then
    mkdir -p "$PROJ/$m/target" && cp "$REPO_ROOT/$m/target/$m"-*-exec.jar "$PROJ/$m/target/"
  fi
done
install -m 755 "$COMPOSE_DIR/e2eprobe-recovery.sh" "$PROJ/scripts/recovery/e2eprobe-recovery.sh"

HOST_IP="$(ip -4 route get 1.1.1.1 2>/dev/null | awk '{for (i=1;i<NF;i++) if ($i=="src") {print $(i+1); exit}}')"
[[ -n "$HOST_IP" ]] || HOST_IP="$(hostname -I 2>/dev/null | awk '{print $1}')"
[[ -n "$HOST_IP" ]] || die "no non-loopback address of this host (the Slack stand-in must be reachable from containers)"
SLACK_URL="http://$HOST_IP:$E2E_CATCHER_PORT/services/E2E/compose/slack"

gen() { openssl rand -hex 32; }
RECORD_SIGNING_KEY_V="$(gen)"; WEBHOOK_SECRET_V="$(gen)"; BEARER_V="$(gen)"; API_TOKEN_V="$(gen)"; METRICS_TOKEN_V="$(gen)"
set_env() { # NAME value: replace the line of .env.example (must exist)
  grep -q "^$1=" "$PROJ/.env" || die ".env.example has no $1 line"
  local v="${2//\\/\\\\}"; v="${v//&/\\&}"; v="${v//|/\\|}"
  sed -i "s|^$1=.*|$1=$v|" "$PROJ/.env"
}
( umask 077; cp "$PROJ/.env.example" "$PROJ/.env" )
set_env RECORD_SIGNING_KEY "$RECORD_SIGNING_KEY_V"
set_env WEBHOOK_SECRET "$WEBHOOK_SECRET_V"
set_env WEBHOOK_BEARER_TOKENS "$BEARER_V"
set_env PROCESSOR_API_TOKEN "$API_TOKEN_V"
set_env PROCESSOR_METRICS_TOKEN "$METRICS_TOKEN_V"
set_env SLACK_WEBHOOK_URL "$SLACK_URL"
set_env RECOVERY_ALLOWED_SERVICES e2eprobe
set_env RATE_LIMIT_PER_MINUTE 1000000
# Secrets as they appear in a process environment (checked against the recovery script's).
SECRETS=("$RECORD_SIGNING_KEY_V" "$WEBHOOK_SECRET_V" "$BEARER_V" "$API_TOKEN_V" "$METRICS_TOKEN_V" "$SLACK_URL")

export JAR_SOURCE="$E2E_JAR_SOURCE"
COMPOSE=("${COMPOSE_BIN[@]}" -p "$PROJECT" -f docker-compose.yml "${OVERRIDE[@]}")
dc() { (cd "$PROJ" && "${COMPOSE[@]}" "$@"); }

# ---------------------------------------------------------------- 3. build and up

T_BUILD=$SECONDS
log "Building the images: ${COMPOSE[*]} build (JAR_SOURCE=$JAR_SOURCE)"
timeout 1200 "${BASH}" -c 'cd "$1" && shift && "$@" build' _ "$PROJ" "${COMPOSE[@]}" >"$LOGS/build.log" 2>&1 \
  || { tail -n 40 "$LOGS/build.log" >&2; die "compose build failed"; }
fact "images built in $(( SECONDS - T_BUILD ))s"
image_size() { "${C[@]}" image inspect --format '{{.Size}}' "$1" 2>/dev/null | awk '{printf "%.0f MB", $1/1e6}'; }
SIZES="$(printf 'ingest-service %s, processor-service %s, kafka %s' \
  "$(image_size alertline/ingest-service:0.1.0-SNAPSHOT)" "$(image_size alertline/processor-service:0.1.0-SNAPSHOT)" \
  "$(image_size "$KAFKA_IMAGE_USED")")"
fact "image sizes: $SIZES"
for img in alertline/ingest-service:0.1.0-SNAPSHOT alertline/processor-service:0.1.0-SNAPSHOT; do
  u="$("${C[@]}" image inspect --format '{{.Config.User}}' "$img")"
  [[ -n "$u" && "$u" != root && "$u" != 0 && "${u%%:*}" != 0 ]] || die "$img runs as root (USER '$u')"
done

cid() { "${C[@]}" ps -aq --filter "label=com.docker.compose.project=$PROJECT" --filter "label=com.docker.compose.service=$1" \
  --filter "label=com.docker.compose.oneoff=False" | head -n 1; }
health() { "${C[@]}" inspect --format '{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' "$1" 2>/dev/null || echo gone; }
state() { "${C[@]}" inspect --format '{{.State.Status}}' "$1" 2>/dev/null || echo gone; }

# Podman without systemd never runs healthchecks by itself: run each container's at its interval.
seconds_of() { # a Go duration as inspect prints it ("15s", "1m30s") or nanoseconds -> whole seconds
  awk -v d="$1" 'BEGIN {
    if (d ~ /^[0-9]+$/) { printf "%d", d / 1e9; exit }
    t = 0
    while (match(d, /^[0-9.]+(h|ms|us|µs|ns|m|s)/)) {
      part = substr(d, 1, RLENGTH); d = substr(d, RLENGTH + 1)
      n = part + 0; u = part; sub(/^[0-9.]+/, "", u)
      t += n * (u == "h" ? 3600 : u == "m" ? 60 : u == "s" ? 1 : 0)
    }
    printf "%d", t }'
}
health_ticker() {
  set +e
  declare -A next=() every=()
  local now id iv
  while :; do
    now=$(date +%s)
    for id in $(podman ps -q --filter "label=com.docker.compose.project=$PROJECT" 2>/dev/null); do
      if [[ -z "${every[$id]:-}" ]]; then
        iv="$(seconds_of "$(podman inspect --format '{{.Config.Healthcheck.Interval}}' "$id" 2>/dev/null)")"
        every[$id]=$(( iv > 0 ? iv : 30 ))
      fi
      if (( now >= ${next[$id]:-0} )); then
        next[$id]=$(( now + every[$id] ))
        timeout 60 podman healthcheck run "$id" >/dev/null 2>&1 &
      fi
    done
    sleep 1
  done
}
if [[ "$ENGINE" == podman && ! -S /run/systemd/private ]]; then
  health_ticker >/dev/null 2>&1 &
  TICKER_PID=$!
  log "No systemd: running the containers' healthchecks at their intervals (pid $TICKER_PID)"
fi

wait_healthy() { # timeout service...
  local limit=$(( SECONDS + $1 )) s id h all; shift
  while :; do
    all=1
    for s in "$@"; do
      id="$(cid "$s")"; h="$( [[ -n "$id" ]] && health "$id" || echo missing)"
      [[ "$h" == healthy ]] || all=0
    done
    (( all )) && return 0
    (( SECONDS < limit )) || { for s in "$@"; do id="$(cid "$s")"; log "  $s: $( [[ -n "$id" ]] && health "$id" || echo missing)"; done; return 1; }
    sleep 2
  done
}

T_UP=$SECONDS
"${C[@]}" volume ls -q >"$E2E_HOME/volumes-before" 2>/dev/null || true
STACK_UP=1
log "Starting the stack: ${COMPOSE[*]} up -d"
timeout "$E2E_TIMEOUT" "${BASH}" -c 'cd "$1" && shift && "$@" up -d' _ "$PROJ" "${COMPOSE[@]}" >"$LOGS/up.log" 2>&1 \
  || { tail -n 30 "$LOGS/up.log" >&2; die "compose up failed"; }
wait_healthy "$E2E_TIMEOUT" kafka ingest-service processor-service || die "the stack did not become healthy"
fact "stack healthy $(( SECONDS - T_UP ))s after up"

INGEST_URL=http://127.0.0.1:5001
PROCESSOR_URL=http://127.0.0.1:5002
API_AUTH=(-H "Authorization: Bearer $API_TOKEN_V")
code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$PROCESSOR_URL/alerts?limit=1")"
[[ "$code" == 401 ]] || die "the processor's /alerts answered $code without its API token (expected 401)"

# Slack stand-in on the host, reachable from the containers at $HOST_IP.
python3 "$REPO_ROOT/scripts/http-catcher.py" --host "$HOST_IP" --port "$E2E_CATCHER_PORT" >"$LOGS/catcher.log" 2>&1 &
CATCHER_PID=$!

OUT="$E2E_HOME/outcomes.json"
fetch_outcomes() {
  curl -fsS --max-time 10 "${API_AUTH[@]}" "$PROCESSOR_URL/alerts?limit=1000" -o "$OUT.tmp" 2>/dev/null \
    && jq -e '.outcomes | type == "array"' "$OUT.tmp" >/dev/null 2>&1 && mv -f "$OUT.tmp" "$OUT"
}
# processed outcomes per alertname with a prefix: "<distinct processed> <processed docs>"
processed_with_prefix() {
  jq -r --arg p "$1" '[.outcomes[] | select((.alertname // "") | startswith($p)) | select(.result == "processed")]
    | "\([.[].alertname] | unique | length) \(length)"' "$OUT"
}

# ---------------------------------------------------------------- check 1: Alertmanager

check_alertmanager() {
  local am_dir="$E2E_HOME/alertmanager" am_url="http://127.0.0.1:$E2E_ALERTMANAGER_PORT"
  mkdir -p "$am_dir/data"
  ( umask 077; printf '%s\n' "$BEARER_V" >"$am_dir/token" )
  sed -E \
    -e "s#^([[:space:]]*-?[[:space:]]*url:[[:space:]]*['\"]?)https?://[^/'\"]+/webhook#\1$INGEST_URL/webhook#" \
    -e "s#^([[:space:]]*credentials_file:[[:space:]]*).*#\1$am_dir/token#" \
    -e "s#^([[:space:]]*group_wait:[[:space:]]*).*#\11s#" \
    -e "s#^([[:space:]]*group_interval:[[:space:]]*).*#\12s#" \
    -e "s#^([[:space:]]*resolve_timeout:[[:space:]]*).*#\11m#" \
    "$REPO_ROOT/docs/alertmanager.yml" >"$am_dir/alertmanager.yml"
  [[ "$(grep -cE "url:[[:space:]]*['\"]?$INGEST_URL/webhook" "$am_dir/alertmanager.yml")" == 6 ]] \
    || { verdict "1 alertmanager" FAIL "rewriting docs/alertmanager.yml failed"; return; }
  amtool check-config "$am_dir/alertmanager.yml" >"$LOGS/amtool.log" 2>&1 \
    || { verdict "1 alertmanager" FAIL "amtool check-config: $(tail -n 1 "$LOGS/amtool.log")"; return; }
  prometheus-alertmanager --config.file="$am_dir/alertmanager.yml" --storage.path="$am_dir/data" \
    --web.listen-address="127.0.0.1:$E2E_ALERTMANAGER_PORT" --web.external-url="$am_url" \
    --cluster.listen-address= >"$LOGS/alertmanager.log" 2>&1 </dev/null &
  AM_PID=$!
  local limit=$(( SECONDS + 30 ))
  until curl -fsS -o /dev/null --max-time 2 "$am_url/-/ready" 2>/dev/null; do
    (( SECONDS < limit )) && kill -0 "$AM_PID" 2>/dev/null || { verdict "1 alertmanager" FAIL "Alertmanager did not start"; return; }
    sleep 0.3
  done
  local run cases names starts ends c name labels body status pending n
  run="$(date -u +%H%M%S)"
  cases=(
    "AlertlineCeGeneric|\"severity\":\"info\""
    "AlertlineCeCritical|\"severity\":\"critical\",\"service\":\"e2e-not-allowlisted\""
    "AlertlineCeWarning|\"severity\":\"warning\",\"instance\":\"e2e-host:9100\""
    "AlertlineCeGpu|\"severity\":\"info\",\"category\":\"gpu\",\"gpu_id\":\"0\",\"component\":\"memory\""
    "AlertlineCeAi|\"severity\":\"info\",\"category\":\"ai\",\"model\":\"llama3.2:3b\""
    "AlertlineCeDatabase|\"severity\":\"info\",\"category\":\"database\",\"database\":\"openwebui\""
  )
  names=(); for c in "${cases[@]}"; do names+=("${c%%|*}"); done
  starts="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  am_post() { # endsAt or ""
    body="["; local sep=""
    for c in "${cases[@]}"; do
      IFS='|' read -r name labels <<<"$c"
      body+="$sep{\"labels\":{\"alertname\":\"$name\",$labels,\"e2e_run\":\"$run\"},\"annotations\":{\"summary\":\"$name\",\"recovery\":\"auto\"},\"startsAt\":\"$starts\"${1:+,\"endsAt\":\"$1\"}}"
      sep=","
    done
    body+="]"
    [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -X POST "$am_url/api/v2/alerts" \
      -H 'Content-Type: application/json' --data-binary "$body")" == 200 ]]
  }
  am_wait() { # status
    local limit=$(( SECONDS + E2E_TIMEOUT ))
    while :; do
      if fetch_outcomes; then
        pending=0
        for n in "${names[@]}"; do
          [[ "$(jq --arg n "$n" --arg s "$1" '[.outcomes[] | select(.alertname == $n and .status == $s and .result == "processed")] | length' "$OUT")" -ge 1 ]] || pending=1
        done
        (( pending )) || return 0
      fi
      (( SECONDS < limit )) || return 1
      sleep 0.5
    done
  }
  am_post "" || { verdict "1 alertmanager" FAIL "Alertmanager refused the alerts"; return; }
  local ok=1
  am_wait firing || ok=0
  if (( ok )); then
    while (( $(date -u +%s) <= $(date -u -d "$starts" +%s) + 1 )); do sleep 0.2; done
    ends="$(date -u -d '-1 second' +%Y-%m-%dT%H:%M:%SZ)"
    am_post "$ends" && am_wait resolved || ok=0
  fi
  sleep 6 # > 2 x group_interval: any re-send arrives now
  fetch_outcomes || true
  local detail="" f r d bad=0 dups=0 rec
  for n in "${names[@]}"; do
    f="$(jq --arg n "$n" '[.outcomes[] | select(.alertname == $n and .status == "firing" and .result == "processed")] | length' "$OUT")"
    r="$(jq --arg n "$n" '[.outcomes[] | select(.alertname == $n and .status == "resolved" and .result == "processed")] | length' "$OUT")"
    d="$(jq --arg n "$n" '[.outcomes[] | select(.alertname == $n and .result == "duplicate")] | length' "$OUT")"
    rec="$(jq --arg n "$n" '[.outcomes[] | select(.alertname == $n and .recovery.attempted == true)] | length' "$OUT")"
    dups=$(( dups + d ))
    [[ "$f" == 1 && "$r" == 1 && "$rec" == 0 ]] || { bad=1; detail+=" $n(firing ${f}x, resolved ${r}x, recovery ${rec}x)"; }
  done
  stop_pid "$AM_PID"; AM_PID=""
  if (( ok && ! bad )); then
    verdict "1 alertmanager" PASS "6 categories x firing+resolved via $(prometheus-alertmanager --version 2>&1 | awk 'NR==1{print $3}') with a bearer token: 12 of 12 processed exactly once ($dups re-sends skipped as duplicates)"
  else
    verdict "1 alertmanager" FAIL "${detail:-not every notification was processed in time}"
  fi
}

# ---------------------------------------------------------------- check 2: recovery + Slack

sign() { printf '%s' "$1" | openssl dgst -sha256 -hmac "$WEBHOOK_SECRET_V" -hex | awk '{print $NF}'; }
check_recovery() {
  local name="AlertlineCeRecovery" body code limit doc pcid envfile leaked=() s
  body="{\"receiver\":\"compose-e2e\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"$name\",\"severity\":\"critical\",\"service\":\"e2eprobe\"},\"annotations\":{\"summary\":\"e2eprobe is down (compose e2e)\",\"recovery\":\"auto\"},\"startsAt\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\"}]}"
  code="$(curl -s -o "$LOGS/recovery-post.txt" -w '%{http_code}' --max-time 10 -X POST "$INGEST_URL/webhook/critical" \
    -H 'Content-Type: application/json' -H "X-Signature: $(sign "$body")" --data-binary "$body")"
  [[ "$code" == 200 ]] || { verdict "2 recovery+slack" FAIL "ingest answered $code to the signed critical alert"; return; }
  limit=$(( SECONDS + E2E_TIMEOUT ))
  doc=""
  while (( SECONDS < limit )); do
    if fetch_outcomes; then
      doc="$(jq -c --arg n "$name" '[.outcomes[] | select(.alertname == $n and .result == "processed")] | first // empty' "$OUT")"
      [[ -n "$doc" ]] && break
    fi
    sleep 0.5
  done
  [[ -n "$doc" ]] || { verdict "2 recovery+slack" FAIL "no processed outcome for $name"; return; }
  printf '%s\n' "$doc" >"$LOGS/recovery-outcome.json"
  local ran success slack
  ran="$(jq -r '.recovery.attempted' <<<"$doc")"; success="$(jq -r '.recovery.success' <<<"$doc")"
  slack="$(jq -r '.notifications.slack | "sent=\(.sent)"' <<<"$doc")"
  for _ in $(seq 1 20); do grep -q "$name" "$LOGS/catcher.log" && break; sleep 0.5; done
  pcid="$(cid processor-service)"
  envfile="$LOGS/recovery-env.txt"
  "${C[@]}" exec "$pcid" cat /tmp/alertline-e2e-recovery-env.txt >"$envfile" 2>"$LOGS/recovery-env.err" || true
  for s in "${SECRETS[@]}"; do grep -qF -- "$s" "$envfile" && leaked+=("${s:0:6}…"); done
  local problems=()
  [[ "$ran" == true && "$success" == true ]] || problems+=("recovery attempted=$ran success=$success: $(jq -r '.recovery.message' <<<"$doc")")
  grep -q "$name" "$LOGS/catcher.log" || problems+=("the Slack stand-in got no message for $name")
  [[ -s "$envfile" ]] || problems+=("the script's environment dump is missing")
  grep -q '^ALERT_' "$envfile" || problems+=("the environment dump has no ALERT_* facts")
  (( ${#leaked[@]} == 0 )) || problems+=("secrets in the script's environment: ${leaked[*]}")
  if (( ${#problems[@]} == 0 )); then
    verdict "2 recovery+slack" PASS "signed critical alert ran the mounted e2eprobe-recovery.sh ($(jq -r '.recovery.output_tail' <<<"$doc" | tr -d '\n')); Slack stand-in got the message (slack: $slack); script env: $(wc -l <"$envfile") variables ($(cut -d= -f1 "$envfile" | tr '\n' ' ')), none of the ${#SECRETS[@]} secrets"
  else
    verdict "2 recovery+slack" FAIL "$(IFS=';'; echo "${problems[*]}")"
  fi
}

# ---------------------------------------------------------------- check 3: kill -9 of the processor

# stream <prefix> <count> <rate> [stop-file]: background sender; sets SENDER_PID
stream() {
  WEBHOOK_SECRET="$WEBHOOK_SECRET_V" python3 "$COMPOSE_DIR/send-alerts.py" --url "$INGEST_URL/webhook" \
    --prefix "$1" --count "$2" --rate "$3" --out "$E2E_HOME/$1.jsonl" --progress-file "$E2E_HOME/$1.progress" \
    ${4:+--stop-file "$4"} >"$LOGS/$1.sender.log" 2>&1 &
  SENDER_PID=$!
}
progress() { cat "$E2E_HOME/$1.progress" 2>/dev/null || echo 0; }
# waits until every alert acknowledged (200) by the sender of <prefix> has a processed outcome
wait_all_processed() { # prefix timeout -> sets ACKED DISTINCT DOCS
  local limit=$(( SECONDS + $2 ))
  ACKED="$(jq -s '[.[] | select(.status == 200)] | length' "$E2E_HOME/$1.jsonl")"
  while :; do
    if fetch_outcomes; then
      read -r DISTINCT DOCS < <(processed_with_prefix "$1-")
      (( DISTINCT >= ACKED )) && return 0
    fi
    (( SECONDS < limit )) || return 1
    sleep 1
  done
}

check_kill9() {
  local prefix=CeKill pcid pid1 restarts0 restarts1 pid2 sent limit lost extra
  pcid="$(cid processor-service)"
  restarts0="$("${C[@]}" inspect --format '{{.RestartCount}}' "$pcid")"
  stream "$prefix" 500 50
  limit=$(( SECONDS + 60 ))
  while (( $(progress "$prefix") < 100 && SECONDS < limit )); do sleep 0.2; done
  pid1="$("${C[@]}" inspect --format '{{.State.Pid}}' "$pcid")"
  [[ "$pid1" =~ ^[0-9]+$ && "$pid1" -gt 1 ]] || { verdict "3 kill -9 processor" FAIL "no host pid for the processor's JVM"; stop_pid "$SENDER_PID"; return; }
  log "kill -9 $pid1 (the processor container's JVM, $(ps -o comm= -p "$pid1")) after $(progress "$prefix") of 500 alerts"
  kill -KILL "$pid1"
  wait "$SENDER_PID" 2>/dev/null || true; SENDER_PID=""
  wait_healthy "$E2E_TIMEOUT" processor-service || { verdict "3 kill -9 processor" FAIL "the processor did not come back healthy"; return; }
  restarts1="$("${C[@]}" inspect --format '{{.RestartCount}}' "$pcid")"
  pid2="$("${C[@]}" inspect --format '{{.State.Pid}}' "$pcid")"
  wait_all_processed "$prefix" "$E2E_TIMEOUT" || true
  sent="$(wc -l <"$E2E_HOME/$prefix.jsonl")"
  lost=$(( ACKED - DISTINCT ))
  extra=$(( DOCS - DISTINCT ))
  if [[ "$sent" == 500 && "$ACKED" == 500 && "$DISTINCT" == 500 && "$extra" == 0 && "$restarts1" -gt "$restarts0" ]]; then
    verdict "3 kill -9 processor" PASS "restarted by its policy (restarts $restarts0 -> $restarts1, JVM pid $pid1 -> $pid2); 500 sent, 500 acknowledged, 500 processed exactly once, 0 lost"
  else
    verdict "3 kill -9 processor" FAIL "sent $sent, acknowledged $ACKED, processed $DISTINCT (docs $DOCS), lost $lost, restarts $restarts0 -> $restarts1"
  fi
}

# ---------------------------------------------------------------- check 4: Kafka outage

check_kafka_outage() {
  local prefix=CeOutage stop="$E2E_HOME/CeOutage.stop" t_stop t_start t_back n503 nra n200_after other down_s
  rm -f "$stop"
  stream "$prefix" 5000 5 "$stop"
  sleep 5
  t_stop=$(date +%s.%N)
  log "Stopping the kafka container (compose stop kafka) while alerts stream in"
  dc stop kafka >>"$LOGS/outage.log" 2>&1
  sleep 20
  log "Starting it again (compose start kafka)"
  t_start=$(date +%s.%N)
  dc start kafka >>"$LOGS/outage.log" 2>&1
  wait_healthy "$E2E_TIMEOUT" kafka || log "kafka not healthy again in time"
  # until the ingest accepts again, then 15 s more
  local limit=$(( SECONDS + E2E_TIMEOUT ))
  while (( SECONDS < limit )); do
    [[ "$(tail -n 1 "$E2E_HOME/$prefix.jsonl" 2>/dev/null | jq -r .status)" == 200 ]] && break
    sleep 0.5
  done
  t_back=$(date +%s.%N)
  sleep 15
  touch "$stop"; wait "$SENDER_PID" 2>/dev/null || true; SENDER_PID=""
  n503="$(jq -s --argjson a "$t_stop" '[.[] | select(.status == 503 and .at >= $a)] | length' "$E2E_HOME/$prefix.jsonl")"
  nra="$(jq -s --argjson a "$t_stop" '[.[] | select(.status == 503 and .at >= $a and .retry_after != null)] | length' "$E2E_HOME/$prefix.jsonl")"
  n200_after="$(jq -s --argjson a "$t_back" '[.[] | select(.status == 200 and .at >= $a)] | length' "$E2E_HOME/$prefix.jsonl")"
  other="$(jq -s -r '[.[] | select(.status != 200 and .status != 503) | (.status|tostring) + ":" + (.error // "")] | unique | join(", ")' "$E2E_HOME/$prefix.jsonl")"
  down_s="$(awk -v a="$t_stop" -v b="$t_back" 'BEGIN{printf "%.0f", b-a}')"
  wait_all_processed "$prefix" "$E2E_TIMEOUT" || true
  local sent; sent="$(wc -l <"$E2E_HOME/$prefix.jsonl")"
  if (( n503 > 0 && nra == n503 && n200_after > 0 && DISTINCT >= ACKED && DOCS == DISTINCT )) && [[ -z "$other" ]]; then
    verdict "4 kafka stop/start" PASS "$sent sent; during the ${down_s}s outage $n503 answered 503 with Retry-After ($(jq -s -r '[.[] | select(.status == 503) | .retry_after] | unique | join(",")' "$E2E_HOME/$prefix.jsonl") s), then $n200_after answered 200; $ACKED acknowledged, $DISTINCT processed exactly once, 0 lost"
  else
    verdict "4 kafka stop/start" FAIL "sent $sent, 503 $n503 (with Retry-After $nra), 200 after $n200_after, other answers [$other], acknowledged $ACKED, processed $DISTINCT (docs $DOCS)"
  fi
}

# ---------------------------------------------------------------- check 5: stop, down, up, verify

STOP_REPORT=""
check_down_up() {
  local s id t0 t1 secs grace rc bad=0 before_kill before_out
  fetch_outcomes || true
  before_kill="$(processed_with_prefix CeKill- | awk '{print $1}')"
  before_out="$(processed_with_prefix CeOutage- | awk '{print $1}')"
  for s in ingest-service processor-service kafka; do
    id="$(cid "$s")"
    grace="$("${C[@]}" inspect --format '{{.Config.StopTimeout}}' "$id" 2>/dev/null || echo '?')"
    [[ "$grace" == 0 || "$grace" == "<nil>" || -z "$grace" ]] && grace=10   # the engines' default
    t0=$(date +%s.%N)
    dc stop "$s" >>"$LOGS/stop.log" 2>&1
    t1=$(date +%s.%N)
    secs="$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}')"
    rc="$("${C[@]}" inspect --format '{{.State.ExitCode}}' "$id")"
    STOP_REPORT+="$s ${secs}s (exit $rc, limit ${grace}s); "
    if [[ "$rc" == 137 ]] || awk -v s="$secs" -v g="$grace" 'BEGIN{exit !(g ~ /^[0-9]+$/ && s >= g)}'; then bad=1; fi
  done
  fact "stop durations: $STOP_REPORT"
  dc down >>"$LOGS/down-up.log" 2>&1 || { verdict "5 down/up + verify" FAIL "compose down failed"; return; }
  log "down done; up -d again"
  timeout "$E2E_TIMEOUT" "${BASH}" -c 'cd "$1" && shift && "$@" up -d' _ "$PROJ" "${COMPOSE[@]}" >>"$LOGS/down-up.log" 2>&1 \
    || { verdict "5 down/up + verify" FAIL "compose up after down failed"; return; }
  wait_healthy "$E2E_TIMEOUT" kafka ingest-service processor-service || { verdict "5 down/up + verify" FAIL "not healthy after down/up"; return; }
  local after_kill=0 after_out=0 limit=$(( SECONDS + 60 ))
  while (( SECONDS < limit )); do
    if fetch_outcomes; then
      after_kill="$(processed_with_prefix CeKill- | awk '{print $1}')"
      after_out="$(processed_with_prefix CeOutage- | awk '{print $1}')"
      (( after_kill >= before_kill && after_out >= before_out )) && break
    fi
    sleep 1
  done
  local vjson="$LOGS/verify.json" vrc=0 net
  if [[ "$ENGINE" == docker ]]; then
    log "verify: a one-off container of the processor image on the compose network (compose run --rm processor-service verify --json)"
    timeout "$E2E_TIMEOUT" "${BASH}" -c 'cd "$1" && shift && "$@" run --rm --no-deps -T processor-service verify --json' \
      _ "$PROJ" "${COMPOSE[@]}" >"$vjson.raw" 2>"$LOGS/verify.err" || vrc=$?
  else
    # docker-compose 1.29's `run` asks podman for container links, which podman's API refuses:
    # the same one-off container, made with the CLI from the service's settings.
    net="$("${C[@]}" inspect --format '{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}' "$(cid processor-service)" | awk '{print $1}')"
    log "verify: a one-off container of the processor image on the compose network $net (podman run --rm ... verify --json)"
    timeout "$E2E_TIMEOUT" "${C[@]}" run --rm --no-healthcheck --network "$net" --env-file "$PROJ/.env" \
      -e KAFKA_BOOTSTRAP_SERVERS=kafka:9092 --user 10001:10001 --read-only \
      --tmpfs /tmp:rw,noexec,nosuid,nodev,size=64m --cap-drop ALL --security-opt no-new-privileges \
      alertline/processor-service:0.1.0-SNAPSHOT verify --json >"$vjson.raw" 2>"$LOGS/verify.err" || vrc=$?
  fi
  jq -c 'select(type == "object" and has("records"))' "$vjson.raw" 2>/dev/null | tail -n 1 >"$vjson" || true
  local records valid invalid unsigned expected
  records="$(jq -r '.records // empty' "$vjson" 2>/dev/null)"; valid="$(jq -r '.valid // empty' "$vjson" 2>/dev/null)"
  invalid="$(jq -r '.invalid // empty' "$vjson" 2>/dev/null)"; unsigned="$(jq -r '.unsigned // empty' "$vjson" 2>/dev/null)"
  # every signed request this run had acknowledged: kill + outage streams and the recovery alert
  expected=$(( $(jq -s '[.[] | select(.status == 200)] | length' "$E2E_HOME/CeKill.jsonl" "$E2E_HOME/CeOutage.jsonl") + 1 ))
  local problems=()
  (( bad == 0 )) || problems+=("a stop was not graceful: $STOP_REPORT")
  (( after_kill >= before_kill && after_out >= before_out )) || problems+=("outcomes after down/up: kill $after_kill/$before_kill, outage $after_out/$before_out")
  [[ "$vrc" == 0 && -n "$records" && "$invalid" == 0 ]] || problems+=("verify exit $vrc: $(cat "$vjson" 2>/dev/null) $(tail -n 3 "$LOGS/verify.err" | tr '\n' ' ')")
  [[ -n "$valid" ]] && (( valid >= expected )) || problems+=("verify found $valid valid signed records, expected at least $expected")
  [[ -n "$records" && -n "$valid" && -n "$unsigned" ]] && (( valid + unsigned == records )) || problems+=("records $records != valid $valid + unsigned $unsigned")
  if (( ${#problems[@]} == 0 )); then
    verdict "5 down/up + verify" PASS "graceful stops ($STOP_REPORT); after down+up the volume kept everything ($after_kill kill-test and $after_out outage-test outcomes back in /alerts); verify (one-off processor container): records $records, valid $valid, invalid $invalid, unsigned $unsigned (Alertmanager's bearer requests)"
  else
    verdict "5 down/up + verify" FAIL "$(IFS=';'; echo "${problems[*]}")"
  fi
}

# ---------------------------------------------------------------- check 6: one minute of load, memory

mem_path() { # container id -> cgroup memory directory (v1 or v2), or ""
  local cg; cg="$("${C[@]}" inspect --format '{{.State.CgroupPath}}' "$1" 2>/dev/null || true)"
  if [[ -n "$cg" && -d "/sys/fs/cgroup/memory$cg" ]]; then echo "/sys/fs/cgroup/memory$cg"
  elif [[ -n "$cg" && -f "/sys/fs/cgroup$cg/memory.current" ]]; then echo "/sys/fs/cgroup$cg"; fi
}
mem_now() { # dir -> "usage rss"
  if [[ -f "$1/memory.usage_in_bytes" ]]; then
    echo "$(cat "$1/memory.usage_in_bytes") $(awk '$1 == "total_rss" {print $2}' "$1/memory.stat")"
  else
    echo "$(cat "$1/memory.current") $(awk '$1 == "anon" {print $2}' "$1/memory.stat")"
  fi
}
mem_peak() { # dir -> peak usage since reset
  if [[ -f "$1/memory.max_usage_in_bytes" ]]; then cat "$1/memory.max_usage_in_bytes"; else cat "$1/memory.peak" 2>/dev/null || echo 0; fi
}
LOAD_REPORT=""
check_load() {
  local payloads="$E2E_HOME/load.tsv" n s id dir limits=() restarts0=() conns=100 threads=2 warmup=15
  n=$(( E2E_LOAD_RATE * (E2E_LOAD_SECONDS + warmup) + 1000 ))
  WEBHOOK_SECRET="$WEBHOOK_SECRET_V" python3 "$COMPOSE_DIR/send-alerts.py" --payloads --url "$INGEST_URL/webhook" \
    --prefix CeLoad --count "$n" --out "$payloads"
  declare -A dirs=() peak_rss=() limit=() r0=()
  for s in kafka ingest-service processor-service; do
    id="$(cid "$s")"
    dirs[$s]="$(mem_path "$id")"
    limit[$s]="$("${C[@]}" inspect --format '{{.HostConfig.Memory}}' "$id")"
    r0[$s]="$("${C[@]}" inspect --format '{{.RestartCount}}' "$id")"
    peak_rss[$s]=0
    [[ -n "${dirs[$s]}" && -f "${dirs[$s]}/memory.max_usage_in_bytes" ]] && echo 0 >"${dirs[$s]}/memory.max_usage_in_bytes" 2>/dev/null || true
  done
  # A short warm-up first (the JVMs compile their hot paths), at the same pace; memory peaks
  # count from its start.
  log "Load warm-up: wrk ${warmup}s paced to $E2E_LOAD_RATE req/s"
  WRK_SIGNED_LUA="$REPO_ROOT/scripts/bench/wrk-signed.lua" \
    wrk -t"$threads" -c"$conns" -d"${warmup}s" --timeout 10s -s "$COMPOSE_DIR/wrk-paced.lua" \
    "$INGEST_URL" -- "$payloads" "$threads" "$conns" "$E2E_LOAD_RATE" >"$LOGS/wrk-warmup.txt" 2>&1 || true
  log "Load: wrk -t$threads -c$conns -d${E2E_LOAD_SECONDS}s paced to $E2E_LOAD_RATE req/s (scripts/compose/wrk-paced.lua over scripts/bench/wrk-signed.lua)"
  WRK_SIGNED_LUA="$REPO_ROOT/scripts/bench/wrk-signed.lua" WRK_RESULT="$E2E_HOME/wrk.json" \
    wrk -t"$threads" -c"$conns" -d"${E2E_LOAD_SECONDS}s" --timeout 10s -s "$COMPOSE_DIR/wrk-paced.lua" \
    "$INGEST_URL" -- "$payloads" "$threads" "$conns" "$E2E_LOAD_RATE" >"$LOGS/wrk.txt" 2>&1 &
  LOAD_PID=$!
  local u r
  while kill -0 "$LOAD_PID" 2>/dev/null; do
    for s in kafka ingest-service processor-service; do
      [[ -n "${dirs[$s]}" ]] || continue
      read -r u r < <(mem_now "${dirs[$s]}")
      (( ${r:-0} > peak_rss[$s] )) && peak_rss[$s]=$r
    done
    sleep 1
  done
  wait "$LOAD_PID" 2>/dev/null || true; LOAD_PID=""
  local rps="" non2xx="" problems=() line=""
  rps="$(awk '/Requests\/sec/ {print $2}' "$LOGS/wrk.txt")"
  non2xx="$(jq -r '"\(.non_200) non-200, \(.errors_total) errors, p99 \(.latency_ms.p99) ms"' "$E2E_HOME/wrk.json" 2>/dev/null || echo '?')"
  for s in kafka ingest-service processor-service; do
    id="$(cid "$s")"
    local pk="" oom="" restarts=""
    pk="$( [[ -n "${dirs[$s]}" ]] && mem_peak "${dirs[$s]}" || echo 0)"
    oom="$("${C[@]}" inspect --format '{{.State.OOMKilled}}' "$id")"
    restarts="$("${C[@]}" inspect --format '{{.RestartCount}}' "$id")"
    line="$(awk -v s="$s" -v p="$pk" -v r="${peak_rss[$s]}" -v l="${limit[$s]}" 'BEGIN{printf "%s peak %.0f MiB (rss %.0f MiB) of %.0f MiB", s, p/1048576, r/1048576, l/1048576}')"
    LOAD_REPORT+="$line; "
    [[ "$oom" == false && "$restarts" == "${r0[$s]}" ]] || problems+=("$s: OOMKilled=$oom restarts ${r0[$s]} -> $restarts")
    [[ "$(health "$id")" == healthy ]] || problems+=("$s: $(health "$id") after the load")
  done
  fact "memory under load: $LOAD_REPORT"
  fact "wrk: $(grep -E 'requests in|Requests/sec|Non-2xx|Socket errors' "$LOGS/wrk.txt" | tr -s ' ' | tr '\n' ';')"
  # The check is about the memory limits; the rate the machine reaches is reported, and fails the
  # check only below E2E_LOAD_MIN_PCT of the target (a load too light to say anything).
  awk -v r="${rps:-0}" -v t="$E2E_LOAD_RATE" -v p="$E2E_LOAD_MIN_PCT" 'BEGIN{exit !(r >= p / 100 * t)}' \
    || problems+=("wrk reached ${rps:-?} req/s, below ${E2E_LOAD_MIN_PCT}% of $E2E_LOAD_RATE")
  if (( ${#problems[@]} == 0 )); then
    verdict "6 load + memory limits" PASS "${E2E_LOAD_SECONDS}s at ${rps} req/s of $E2E_LOAD_RATE targeted ($non2xx): $LOAD_REPORT no OOM kill, no restart, healthy after"
  else
    verdict "6 load + memory limits" FAIL "$(IFS=';'; echo "${problems[*]}") — $LOAD_REPORT"
  fi
}

# ---------------------------------------------------------------- run

check_alertmanager
check_recovery
check_kill9
check_kafka_outage
check_down_up
(( LOAD )) && check_load

# ---------------------------------------------------------------- verdict

ok=1
printf '\n%-24s %-7s %s\n' CHECK VERDICT DETAIL
printf '%-24s %-7s %s\n' ------------------------ ------- ------
for v in "${VERDICTS[@]}"; do
  IFS='|' read -r name result detail <<<"$v"
  printf '%-24s %-7s %s\n' "$name" "$result" "$detail"
  [[ "$result" == PASS ]] || ok=0
done
(( ${#VERDICTS[@]} >= 5 )) || ok=0
echo
printf '%s\n' "${FACTS[@]}"
printf 'engine: %s; compose: %s; files: docker-compose.yml%s\n' "$ENGINE" "${COMPOSE_BIN[*]}" "${OVERRIDE:+ + scripts/compose/registry-free.override.yml}"
if (( ok )); then
  printf 'RESULT: PASS — the compose deployment works as built and run (%ds)\n\n' "$(( SECONDS - T_START ))"
  exit 0
fi
printf 'RESULT: FAIL (%ds); logs in %s\n\n' "$(( SECONDS - T_START ))" "$E2E_HOME"
exit 1
