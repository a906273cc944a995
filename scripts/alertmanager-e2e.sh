#!/usr/bin/env bash
# shellcheck disable=SC2317  # cleanup/stack_env run from traps
# End-to-end check with a REAL Prometheus Alertmanager: docs/alertmanager.yml routes alerts to a
# local alertline stack, and every firing and resolved notification must be processed exactly once.
#
#   scripts/alertmanager-e2e.sh              build both services, start a private stack + Alertmanager,
#                                            test, stop everything
#   scripts/alertmanager-e2e.sh --no-build   use the jars already in */target/
#   scripts/alertmanager-e2e.sh --keep       keep the temporary state dir (logs, Kafka data) even on PASS
#
# What it does:
#   1. installs Debian's prometheus-alertmanager (and jq) with apt-get if missing (needs root or
#      sudo; the Debian service is never started: we run the binary ourselves);
#   2. starts Kafka + ingest + processor with scripts/up.sh --detach in a private ALERTLINE_HOME
#      (a mktemp dir) on non-default ports, so a developer's running stack is never touched;
#   3. runs Alertmanager on 127.0.0.1 (clustering off) with a copy of docs/alertmanager.yml pointed
#      at that ingest, authenticated with the first WEBHOOK_BEARER_TOKENS entry of the private
#      local.env, and short group_wait/group_interval/resolve_timeout;
#   4. fires one alert per route (generic, critical, warning, gpu, ai, database) through
#      Alertmanager's API, waits until the processor's GET /alerts shows each one processed,
#      resolves them (endsAt in the past), waits again, lets Alertmanager settle, and checks that
#      every firing and every resolved notification has exactly ONE outcome with result
#      "processed" (outcomes with result "duplicate" are Alertmanager re-sends that were correctly
#      skipped: counted and reported, not failures);
#   5. also fires a group of three warning alerts (one alertname, three instances) and checks, in
#      a Slack stand-in (scripts/http-catcher.py) the processor notifies, that Alertmanager's group
#      arrived as ONE Slack message with all three alerts, once firing and once resolved;
#   6. prints a PASS/FAIL table and exits 0 (PASS) or 1 (FAIL); everything it started is stopped
#      on exit (Alertmanager, the Slack stand-in, then scripts/down.sh with the same environment).
#
# Environment (all optional):
#   E2E_TIMEOUT               seconds for everything after the package install (default 240)
#   E2E_KAFKA_PORT            broker port            (default 19092)
#   E2E_KAFKA_CONTROLLER_PORT controller port        (default 19093)
#   E2E_INGEST_PORT           ingest-service port    (default 5401)
#   E2E_PROCESSOR_PORT        processor-service port (default 5402)
#   E2E_ALERTMANAGER_PORT     Alertmanager port      (default 9193)
#   E2E_SLACK_PORT            Slack stand-in port    (default 5403)
# Keep the ports below Linux's ephemeral range (32768-60999): a port in it can be taken for a
# moment by any outgoing connection on the machine, and the broker then fails to bind.
# Only 127.0.0.1 is contacted. Variables the services read (WEBHOOK_SECRET, SLACK_WEBHOOK_URL, ...)
# are removed from this script's environment first, so nothing leaks in from your shell and no
# real chat channel is called.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"

usage() { sed -n '3,43p' "$0" | sed 's/^# \{0,1\}//'; }

BUILD=1
KEEP=0
for a in "$@"; do
  case "$a" in
    --no-build) BUILD=0 ;;
    --keep) KEEP=1 ;;
    -h|--help) usage; exit 0 ;;
    *) printf 'alertmanager-e2e.sh: unknown option %s\n\n' "$a" >&2; usage >&2; exit 2 ;;
  esac
done

E2E_TIMEOUT="${E2E_TIMEOUT:-240}"
E2E_KAFKA_PORT="${E2E_KAFKA_PORT:-19092}"
E2E_KAFKA_CONTROLLER_PORT="${E2E_KAFKA_CONTROLLER_PORT:-19093}"
E2E_INGEST_PORT="${E2E_INGEST_PORT:-5401}"
E2E_PROCESSOR_PORT="${E2E_PROCESSOR_PORT:-5402}"
E2E_ALERTMANAGER_PORT="${E2E_ALERTMANAGER_PORT:-9193}"
E2E_SLACK_PORT="${E2E_SLACK_PORT:-5403}"

AM_CONFIG_SOURCE="$REPO_ROOT/docs/alertmanager.yml"
GROUP_WAIT=1s
GROUP_INTERVAL=2s
RESOLVE_TIMEOUT=1m
SETTLE_SECONDS=6   # > 2 x group_interval: time for any re-send to arrive before counting

T0=$SECONDS
log() { printf '[e2e %3ds] %s\n' "$(( SECONDS - T0 ))" "$*"; }
fail_early() { printf 'alertmanager-e2e.sh: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- 1. tools

as_root() {
  if [[ $(id -u) -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    fail_early "need root (or sudo) to run: $*"
  fi
}

install_packages() {
  local pkgs=("$@") temp_policy=0 rc=0
  log "Installing ${pkgs[*]} with apt-get (one-time; the Debian service is not started)"
  # policy-rc.d exit 101 = "do not start services"; Debian containers usually have one already.
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    as_root sh -c 'printf "#!/bin/sh\nexit 101\n" >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d'
    temp_policy=1
  fi
  as_root timeout 300 apt-get update -q >/dev/null || rc=$?
  if (( rc == 0 )); then
    as_root env DEBIAN_FRONTEND=noninteractive timeout 300 \
      apt-get install -y -q --no-install-recommends "${pkgs[@]}" >/dev/null || rc=$?
  fi
  if (( temp_policy )); then
    as_root rm -f /usr/sbin/policy-rc.d
  fi
  (( rc == 0 )) || fail_early "apt-get failed (exit $rc) installing ${pkgs[*]}"
}

missing=()
if ! command -v prometheus-alertmanager >/dev/null 2>&1 || ! command -v amtool >/dev/null 2>&1; then
  missing+=(prometheus-alertmanager)
fi
command -v jq >/dev/null 2>&1 || missing+=(jq)
command -v curl >/dev/null 2>&1 || missing+=(curl)
if (( ${#missing[@]} > 0 )); then
  install_packages "${missing[@]}"
fi
for tool in prometheus-alertmanager amtool jq curl java; do
  command -v "$tool" >/dev/null 2>&1 || fail_early "$tool not found on PATH"
done
[[ -f "$AM_CONFIG_SOURCE" ]] || fail_early "missing $AM_CONFIG_SOURCE"

T0=$SECONDS   # the time bound starts after the (one-time) package install
DEADLINE=$(( SECONDS + E2E_TIMEOUT ))
remaining() { local r=$(( DEADLINE - SECONDS )); (( r > 0 )) && echo "$r" || echo 0; }

port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" >/dev/null 2>&1; }
for p in "$E2E_KAFKA_PORT" "$E2E_KAFKA_CONTROLLER_PORT" "$E2E_INGEST_PORT" "$E2E_PROCESSOR_PORT" "$E2E_ALERTMANAGER_PORT" \
    "$E2E_SLACK_PORT"; do
  [[ "$p" =~ ^[0-9]+$ ]] || fail_early "invalid port '$p'"
  if port_open "$p"; then
    fail_early "port 127.0.0.1:$p is already in use (set the E2E_*_PORT variables to free ports)"
  fi
done

# ---------------------------------------------------------------- 2. private state + cleanup

E2E_HOME="$(mktemp -d "${TMPDIR:-/tmp}/alertline-e2e.XXXXXX")"
AM_DIR="$E2E_HOME/alertmanager"
mkdir -p "$AM_DIR/data"
AM_CONFIG="$AM_DIR/alertmanager.yml"
AM_TOKEN_FILE="$AM_DIR/alertline-token"
AM_LOG="$AM_DIR/alertmanager.log"
UP_LOG="$E2E_HOME/up.log"
AM_PID=""
SLACK_PID=""
SLACK_LOG="$E2E_HOME/slack.jsonl"
STACK_STARTED=0
VERDICT="FAIL"

# What up.sh/down.sh/kafka.sh need to find this private stack.
stack_env() {
  env ALERTLINE_HOME="$E2E_HOME" KAFKA_PORT="$E2E_KAFKA_PORT" KAFKA_CONTROLLER_PORT="$E2E_KAFKA_CONTROLLER_PORT" \
    INGEST_PORT="$E2E_INGEST_PORT" PROCESSOR_PORT="$E2E_PROCESSOR_PORT" "$@"
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  if [[ -n "$AM_PID" ]] && kill -0 "$AM_PID" 2>/dev/null; then
    log "Stopping Alertmanager (pid $AM_PID)"
    kill -TERM "$AM_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$AM_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$AM_PID" 2>/dev/null || true
    wait "$AM_PID" 2>/dev/null || true
  fi
  if [[ -n "$SLACK_PID" ]]; then
    kill -TERM "$SLACK_PID" 2>/dev/null || true
    wait "$SLACK_PID" 2>/dev/null || true
  fi
  if (( STACK_STARTED )); then
    log "Stopping the stack (scripts/down.sh, ALERTLINE_HOME=$E2E_HOME)"
    stack_env ALERTLINE_STOP_TIMEOUT=20 "$REPO_ROOT/scripts/down.sh" >>"$E2E_HOME/down.log" 2>&1 \
      || log "down.sh failed; see $E2E_HOME/down.log"
  fi
  if [[ "$VERDICT" == "PASS" && $KEEP -eq 0 ]]; then
    rm -rf "$E2E_HOME"
  else
    log "State, logs and configs kept in $E2E_HOME"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'log "Interrupted"; exit 130' INT TERM HUP

fail() {
  log "FAIL: $*"
  exit 1
}

# Runs a command bounded by the remaining time budget.
bounded() {
  local r
  r="$(remaining)"
  (( r > 0 )) || fail "time budget of ${E2E_TIMEOUT}s used up before: $*"
  timeout "$r" "$@"
}

# ---------------------------------------------------------------- 3. the alertline stack

# Variables the services read (every ${NAME placeholder of their configuration): not inherited.
mapfile -t SERVICE_VARS < <(grep -ohE '\$\{[A-Z][A-Z0-9_]*' \
  "$REPO_ROOT/ingest-service/src/main/resources/application.yml" \
  "$REPO_ROOT/processor-service/src/main/resources/processor.yml" | cut -c3- | sort -u)
(( ${#SERVICE_VARS[@]} > 10 )) || fail "could not read the services' variable names from their yml files"
unset "${SERVICE_VARS[@]}"

if (( BUILD )); then
  # Only the two services and what they need (not the whole reactor, as up.sh would).
  log "Building ingest-service and processor-service (mvn -pl ingest-service,processor-service -am package)"
  if ! (cd "$REPO_ROOT" && bounded mvn -B -q -ntp -DskipTests -pl ingest-service,processor-service -am package) \
      >"$E2E_HOME/build.log" 2>&1 </dev/null; then
    tail -n 30 "$E2E_HOME/build.log" | sed 's/^/  mvn| /' >&2
    fail "build failed (full log: $E2E_HOME/build.log)"
  fi
fi

# The Slack stand-in the processor notifies; local.env is up.sh's to complete (it keeps what is there).
python3 "$REPO_ROOT/scripts/http-catcher.py" --port "$E2E_SLACK_PORT" --jsonl "$SLACK_LOG" \
  >"$E2E_HOME/slack.log" 2>&1 </dev/null &
SLACK_PID=$!
( umask 077; printf 'SLACK_WEBHOOK_URL=http://127.0.0.1:%s/services/T0E2E/B0E2E/e2e-stand-in\n' "$E2E_SLACK_PORT" \
  >"$E2E_HOME/local.env" )
until port_open "$E2E_SLACK_PORT"; do
  kill -0 "$SLACK_PID" 2>/dev/null || { SLACK_PID=""; fail "the Slack stand-in did not start (see $E2E_HOME/slack.log)"; }
  sleep 0.1
done

log "Starting Kafka (127.0.0.1:$E2E_KAFKA_PORT), ingest (:$E2E_INGEST_PORT), processor (:$E2E_PROCESSOR_PORT) with scripts/up.sh --detach --no-build"
log "  ALERTLINE_HOME=$E2E_HOME (log: $UP_LOG)"
STACK_STARTED=1
if ! bounded env ALERTLINE_HOME="$E2E_HOME" KAFKA_PORT="$E2E_KAFKA_PORT" \
    KAFKA_CONTROLLER_PORT="$E2E_KAFKA_CONTROLLER_PORT" INGEST_PORT="$E2E_INGEST_PORT" \
    PROCESSOR_PORT="$E2E_PROCESSOR_PORT" "$REPO_ROOT/scripts/up.sh" --detach --no-build >"$UP_LOG" 2>&1 </dev/null; then
  tail -n 40 "$UP_LOG" | sed 's/^/  up.sh| /' >&2
  fail "scripts/up.sh did not bring the stack up"
fi
log "Stack is up"

PROCESSOR_URL="http://127.0.0.1:$E2E_PROCESSOR_PORT"
ENV_FILE="$E2E_HOME/local.env"

env_value() {
  sed -nE "s/^[[:space:]]*(export[[:space:]]+)?$1=[\"']?([^\"']*)[\"']?[[:space:]]*$/\2/p" "$ENV_FILE" | tail -n 1
}
TOKENS="$(env_value WEBHOOK_BEARER_TOKENS)"
TOKEN="${TOKENS%%,*}"
[[ ${#TOKEN} -ge 16 ]] || fail "no usable WEBHOOK_BEARER_TOKENS entry in $ENV_FILE"
API_TOKEN="$(env_value PROCESSOR_API_TOKEN)"
API_AUTH=()
[[ -n "$API_TOKEN" ]] && API_AUTH=(-H "Authorization: Bearer $API_TOKEN")

# ---------------------------------------------------------------- 4. Alertmanager

( umask 077; printf '%s\n' "$TOKEN" >"$AM_TOKEN_FILE" )
sed -E \
  -e "s#^([[:space:]]*-?[[:space:]]*url:[[:space:]]*['\"]?)https?://[^/'\"]+/webhook#\1http://127.0.0.1:$E2E_INGEST_PORT/webhook#" \
  -e "s#^([[:space:]]*credentials_file:[[:space:]]*).*#\1$AM_TOKEN_FILE#" \
  -e "s#^([[:space:]]*group_wait:[[:space:]]*).*#\1$GROUP_WAIT#" \
  -e "s#^([[:space:]]*group_interval:[[:space:]]*).*#\1$GROUP_INTERVAL#" \
  -e "s#^([[:space:]]*resolve_timeout:[[:space:]]*).*#\1$RESOLVE_TIMEOUT#" \
  "$AM_CONFIG_SOURCE" >"$AM_CONFIG"

# The rewrite must have reached every webhook (6 endpoints, all local, all with our token file).
url_count="$(grep -cE "url:[[:space:]]*['\"]?http://127\.0\.0\.1:$E2E_INGEST_PORT/webhook" "$AM_CONFIG" || true)"
foreign="$(grep -E "url:" "$AM_CONFIG" | grep -vcE "http://127\.0\.0\.1:$E2E_INGEST_PORT/" || true)"
cred_count="$(grep -cE "credentials_file:[[:space:]]*$AM_TOKEN_FILE\$" "$AM_CONFIG" || true)"
[[ "$url_count" == 6 && "$foreign" == 0 && "$cred_count" == 6 ]] \
  || fail "rewriting docs/alertmanager.yml for the local run failed (urls=$url_count foreign=$foreign credentials=$cred_count)"
amtool check-config "$AM_CONFIG" >"$AM_DIR/check-config.txt" 2>&1 \
  || { cat "$AM_DIR/check-config.txt" >&2; fail "amtool check-config rejected the configuration"; }

AM_URL="http://127.0.0.1:$E2E_ALERTMANAGER_PORT"
log "Starting Alertmanager $(prometheus-alertmanager --version 2>&1 | head -n 1 | awk '{print $3}') on $AM_URL (clustering off, log: $AM_LOG)"
prometheus-alertmanager \
  --config.file="$AM_CONFIG" \
  --storage.path="$AM_DIR/data" \
  --web.listen-address="127.0.0.1:$E2E_ALERTMANAGER_PORT" \
  --web.external-url="$AM_URL" \
  --cluster.listen-address= \
  --log.level=debug >"$AM_LOG" 2>&1 </dev/null &
AM_PID=$!
until curl -fsS -o /dev/null --max-time 2 "$AM_URL/-/ready" 2>/dev/null; do
  kill -0 "$AM_PID" 2>/dev/null || { tail -n 20 "$AM_LOG" >&2; AM_PID=""; fail "Alertmanager exited during startup"; }
  (( $(remaining) > 0 )) || fail "Alertmanager not ready in time"
  sleep 0.2
done
log "Alertmanager ready (pid $AM_PID)"

# ---------------------------------------------------------------- 5. alerts

RUN_ID="$(date -u +%Y%m%d%H%M%S)-$$"
# name|labels (JSON fragment, besides alertname)|expected category|endpoint
CASES=(
  'AlertlineE2eGeneric|"severity":"info"|generic|/webhook'
  'AlertlineE2eCritical|"severity":"critical","service":"e2e-not-allowlisted"|critical|/webhook/critical'
  'AlertlineE2eWarning|"severity":"warning","instance":"e2e-host:9100"|warning|/webhook/warning'
  'AlertlineE2eGpu|"severity":"info","category":"gpu","gpu_id":"0","component":"memory"|gpu|/webhook/gpu'
  'AlertlineE2eAi|"severity":"info","category":"ai","model":"llama3.2:3b"|ai|/webhook/ai'
  'AlertlineE2eDatabase|"severity":"info","category":"database","database":"openwebui"|database|/webhook/database'
)
NAMES=()
for c in "${CASES[@]}"; do NAMES+=("${c%%|*}"); done
# One Alertmanager group of three (group_by alertname, cluster, service): one Slack message expected.
GROUP_NAME="AlertlineE2eGroup"
GROUP_INSTANCES=(e2e-db1:9100 e2e-db2:9100 e2e-db3:9100)
NAMES_JSON="$(printf '%s\n' "${NAMES[@]}" "$GROUP_NAME" | jq -R . | jq -sc .)"

STARTS_AT="$(date -u +%Y-%m-%dT%H:%M:%SZ)"

alerts_json() { # $1 = "" for firing, or an endsAt timestamp for resolved
  local ends="$1" out="[" sep="" c name labels
  for c in "${CASES[@]}"; do
    IFS='|' read -r name labels _ _ <<<"$c"
    out+="$sep{\"labels\":{\"alertname\":\"$name\",$labels,\"e2e_run\":\"$RUN_ID\"},"
    # recovery:auto on every alert: the critical one must still run no script (service not allowed)
    out+="\"annotations\":{\"summary\":\"$name (alertline e2e)\",\"recovery\":\"auto\"},"
    out+="\"startsAt\":\"$STARTS_AT\",\"generatorURL\":\"http://127.0.0.1/e2e\""
    [[ -n "$ends" ]] && out+=",\"endsAt\":\"$ends\""
    out+="}"
    sep=","
  done
  for c in "${GROUP_INSTANCES[@]}"; do
    out+=",{\"labels\":{\"alertname\":\"$GROUP_NAME\",\"severity\":\"warning\",\"instance\":\"$c\",\"e2e_run\":\"$RUN_ID\"},"
    out+="\"annotations\":{\"summary\":\"disk of $c is filling (alertline e2e)\"},"
    out+="\"startsAt\":\"$STARTS_AT\",\"generatorURL\":\"http://127.0.0.1/e2e\""
    [[ -n "$ends" ]] && out+=",\"endsAt\":\"$ends\""
    out+="}"
  done
  printf '%s]' "$out"
}

post_alerts() {
  local body="$1" code
  printf '%s' "$body" | jq -e . >/dev/null || fail "built invalid alert JSON"
  code="$(curl -sS -o "$AM_DIR/post.out" -w '%{http_code}' --max-time 5 -X POST "$AM_URL/api/v2/alerts" \
    -H 'Content-Type: application/json' --data-binary "$body")" || fail "POST $AM_URL/api/v2/alerts failed"
  [[ "$code" == 200 ]] || { cat "$AM_DIR/post.out" >&2; fail "Alertmanager answered $code to POST /api/v2/alerts"; }
}

OUTCOMES="$AM_DIR/outcomes.json"
fetch_outcomes() {
  curl -fsS --max-time 5 "${API_AUTH[@]}" "$PROCESSOR_URL/alerts?limit=1000" -o "$OUTCOMES.tmp" 2>/dev/null \
    && jq -e '.outcomes | type == "array"' "$OUTCOMES.tmp" >/dev/null 2>&1 \
    && mv -f "$OUTCOMES.tmp" "$OUTCOMES"
}

# count <alertname> <status> <result>
count() {
  jq --arg n "$1" --arg s "$2" --arg r "$3" \
    '[.outcomes[] | select(.alertname == $n and .status == $s and .result == $r)] | length' "$OUTCOMES"
}

# Waits until every alert has a processed outcome with status $1.
wait_processed() {
  local status="$1" pending n last=""
  while :; do
    if fetch_outcomes; then
      pending=()
      for n in "${NAMES[@]}"; do
        [[ "$(count "$n" "$status" processed)" -ge 1 ]] || pending+=("$n")
      done
      [[ "$(count "$GROUP_NAME" "$status" processed)" -ge ${#GROUP_INSTANCES[@]} ]] || pending+=("$GROUP_NAME")
      if (( ${#pending[@]} == 0 )); then
        log "All ${#NAMES[@]} $status notifications and the group of ${#GROUP_INSTANCES[@]} processed"
        return 0
      fi
      if [[ "${pending[*]}" != "$last" ]]; then
        log "  waiting for $status outcome of: ${pending[*]}"
        last="${pending[*]}"
      fi
    fi
    (( $(remaining) > 0 )) || { log "time budget used up waiting for $status outcomes"; return 1; }
    sleep 0.5
  done
}

log "Firing ${#NAMES[@]} alerts through Alertmanager's API (startsAt $STARTS_AT, run $RUN_ID)"
post_alerts "$(alerts_json "")"
PHASE_OK=1
wait_processed firing || PHASE_OK=0

if (( PHASE_OK )); then
  # endsAt in the past (and after startsAt): the alerts are resolved now.
  starts_epoch="$(date -u -d "$STARTS_AT" +%s)"
  while (( $(date -u +%s) <= starts_epoch + 1 )); do sleep 0.2; done
  ENDS_AT="$(date -u -d '-1 second' +%Y-%m-%dT%H:%M:%SZ)"
  log "Resolving them (endsAt $ENDS_AT)"
  post_alerts "$(alerts_json "$ENDS_AT")"
  wait_processed resolved || PHASE_OK=0
fi

if (( PHASE_OK )); then
  log "Letting Alertmanager settle for ${SETTLE_SECONDS}s (any re-send would arrive now)"
  sleep "$SETTLE_SECONDS"
fi
fetch_outcomes || log "could not fetch the final outcomes; using the last ones"
[[ -f "$OUTCOMES" ]] || fail "no outcomes could be read from $PROCESSOR_URL/alerts"

# ---------------------------------------------------------------- 6. verdict

am_metric() { # sum of an Alertmanager counter for the webhook integration
  curl -fsS --max-time 5 "$AM_URL/metrics" 2>/dev/null \
    | awk -v m="$1" '$1 ~ "^"m"\\{" && $1 ~ /integration="webhook"/ {s += $2} END {printf "%d", s}'
}
AM_SENT="$(am_metric alertmanager_notifications_total)"
AM_FAILED="$(am_metric alertmanager_notifications_failed_total)"
AM_REQ_FAILED="$(am_metric alertmanager_notification_requests_failed_total)"

ok=1
total_dup=0
total_processed=0
printf '\n%-22s %-9s %-18s %-8s %-9s %-6s %s\n' ALERT CATEGORY ENDPOINT FIRING RESOLVED DUPES VERDICT
printf '%-22s %-9s %-18s %-8s %-9s %-6s %s\n' ---------------------- --------- ------------------ -------- --------- ------ -------
for c in "${CASES[@]}"; do
  IFS='|' read -r name _ category endpoint <<<"$c"
  fired="$(count "$name" firing processed)"
  resolved="$(count "$name" resolved processed)"
  dup="$(jq --arg n "$name" '[.outcomes[] | select(.alertname == $n and .result == "duplicate")] | length' "$OUTCOMES")"
  other="$(jq -r --arg n "$name" '[.outcomes[] | select(.alertname == $n and .result != "processed" and .result != "duplicate") | .result] | join(",")' "$OUTCOMES")"
  wrong_cat="$(jq -r --arg n "$name" --arg c "$category" '[.outcomes[] | select(.alertname == $n and .category != $c) | .category] | unique | join(",")' "$OUTCOMES")"
  recovered="$(jq --arg n "$name" '[.outcomes[] | select(.alertname == $n and .recovery.attempted == true)] | length' "$OUTCOMES")"
  verdict=PASS
  notes=()
  [[ "$fired" == 1 ]] || { verdict=FAIL; notes+=("firing processed ${fired}x"); }
  [[ "$resolved" == 1 ]] || { verdict=FAIL; notes+=("resolved processed ${resolved}x"); }
  [[ -z "$other" ]] || { verdict=FAIL; notes+=("other results: $other"); }
  [[ -z "$wrong_cat" ]] || { verdict=FAIL; notes+=("also routed to: $wrong_cat"); }
  [[ "$recovered" == 0 ]] || { verdict=FAIL; notes+=("a recovery script ran"); }
  [[ "$verdict" == PASS ]] || ok=0
  total_dup=$(( total_dup + dup ))
  total_processed=$(( total_processed + fired + resolved ))
  detail=""
  (( ${#notes[@]} == 0 )) || detail=" ($(IFS=';'; printf '%s' "${notes[*]}" | sed 's/;/; /g'))"
  printf '%-22s %-9s %-18s %-8s %-9s %-6s %s\n' "$name" "$category" "$endpoint" "$fired" "$resolved" "$dup" \
    "$verdict$detail"
done
# The group: three alerts processed once each, firing and resolved, and ONE Slack message for each.
slack_messages() { # $1 = FIRING or RESOLVED: Slack messages about the group with that status in their title
  [[ -f "$SLACK_LOG" ]] || { echo 0; return; }
  jq -s --arg n "$GROUP_NAME" --arg s "$1" \
    '[.[] | .body | fromjson | select(.text | startswith("[" + $s) and contains($n))] | length' "$SLACK_LOG"
}
g_fired="$(count "$GROUP_NAME" firing processed)"
g_resolved="$(count "$GROUP_NAME" resolved processed)"
g_firing_msgs="$(slack_messages FIRING)"
g_resolved_msgs="$(slack_messages RESOLVED)"
g_all_three=0
if [[ -f "$SLACK_LOG" ]]; then
  g_all_three="$(jq -s --arg n "$GROUP_NAME" '[.[] | .body | fromjson | select(.text | startswith("[FIRING:3] " + $n))
    | .attachments[0].text | select(contains("e2e-db1:9100") and contains("e2e-db2:9100") and contains("e2e-db3:9100"))]
    | length' "$SLACK_LOG")"
fi
g_verdict=PASS
g_notes=()
[[ "$g_fired" == 3 && "$g_resolved" == 3 ]] || { g_verdict=FAIL; g_notes+=("processed firing ${g_fired}/3, resolved ${g_resolved}/3"); }
[[ "$g_firing_msgs" == 1 && "$g_all_three" == 1 ]] \
  || { g_verdict=FAIL; g_notes+=("${g_firing_msgs} firing Slack messages, ${g_all_three} with all three alerts"); }
[[ "$g_resolved_msgs" == 1 ]] || { g_verdict=FAIL; g_notes+=("${g_resolved_msgs} resolved Slack messages"); }
[[ "$g_verdict" == PASS ]] || ok=0
g_detail=""
(( ${#g_notes[@]} == 0 )) || g_detail=" ($(IFS=';'; printf '%s' "${g_notes[*]}" | sed 's/;/; /g'))"
printf '%-22s %-9s %-18s %-8s %-9s %-6s %s\n' "$GROUP_NAME (x3)" warning /webhook/warning "$g_fired" "$g_resolved" \
  "-" "$g_verdict$g_detail"
printf 'Slack stand-in: the group of 3 arrived as %s firing and %s resolved message(s) (expected 1 and 1)\n' \
  "$g_firing_msgs" "$g_resolved_msgs"

strays="$(jq --argjson names "$NAMES_JSON" '[.outcomes[] | select((.alertname // "") as $a | ($names | index($a)) == null)] | length' "$OUTCOMES")"
echo
printf 'Alertmanager: %s webhook notifications sent, %s failed, %s failed requests (retried)\n' \
  "${AM_SENT:-?}" "${AM_FAILED:-?}" "${AM_REQ_FAILED:-?}"
printf 'Processor:    %s processed outcomes for %s expected (%s firing + %s resolved), %s duplicates skipped, %s other outcomes\n' \
  "$total_processed" "$(( 2 * ${#NAMES[@]} ))" "${#NAMES[@]}" "${#NAMES[@]}" "$total_dup" "$strays"
if (( strays != 0 )); then
  ok=0
  log "unexpected outcomes (rejected records or unknown alerts):"
  jq -c --argjson names "$NAMES_JSON" '.outcomes[] | select((.alertname // "") as $a | ($names | index($a)) == null) | {result, category, alertname, reason}' "$OUTCOMES" >&2
fi
(( PHASE_OK )) || ok=0

if (( ok )); then
  VERDICT=PASS
  printf 'RESULT: PASS — every firing and resolved notification processed exactly once (%ds)\n\n' "$(( SECONDS - T0 ))"
  exit 0
fi
printf 'RESULT: FAIL (%ds); logs: %s/logs/, %s\n\n' "$(( SECONDS - T0 ))" "$E2E_HOME" "$AM_LOG"
exit 1
