#!/usr/bin/env bash
# Stop the local alertline pipeline started by scripts/up.sh: both services, then the Kafka broker.
#
#   scripts/down.sh               stop ingest-service, processor-service and the broker
#   scripts/down.sh --keep-kafka  stop only the two services
#
# Idempotent: anything not running is skipped. Each service gets SIGTERM, then up to
# ALERTLINE_STOP_TIMEOUT seconds (default 30) to exit, then SIGKILL.
# Uses the same ALERTLINE_HOME (default <repo>/.alertline) as up.sh and kafka.sh.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"

ALERTLINE_HOME="${ALERTLINE_HOME:-$REPO_ROOT/.alertline}"
if [[ -d "$ALERTLINE_HOME" ]]; then
  ALERTLINE_HOME="$(cd "$ALERTLINE_HOME" && pwd)"
fi
export ALERTLINE_HOME
RUN_DIR="$ALERTLINE_HOME/run"
ALERTLINE_STOP_TIMEOUT="${ALERTLINE_STOP_TIMEOUT:-30}"
SERVICES=(ingest-service processor-service)

keep_kafka=0
for a in "$@"; do
  case "$a" in
    --keep-kafka|--services-only) keep_kafka=1 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) printf 'down.sh: unknown option %s\n' "$a" >&2; exit 2 ;;
  esac
done

# pid of a running service started by up.sh, or empty
service_pid() {
  local svc="$1" pid_file="$RUN_DIR/$1.pid" pid
  [[ -f "$pid_file" ]] || return 0
  pid="$(tr -dc '0-9' <"$pid_file" 2>/dev/null || true)"
  [[ -n "$pid" ]] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  if [[ -r "/proc/$pid/cmdline" ]]; then
    local cmd
    cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
    [[ "$cmd" == *-jar*"$svc"* ]] || return 0   # pid reused by something else
  fi
  printf '%s\n' "$pid"
}

# SIGTERM all running services at once, then wait for them together.
declare -A pids=()
for svc in "${SERVICES[@]}"; do
  pid="$(service_pid "$svc")"
  if [[ -n "$pid" ]]; then
    echo "Stopping $svc (pid $pid)..."
    kill -TERM "$pid" 2>/dev/null || true
    pids[$svc]=$pid
  else
    echo "$svc not running"
    rm -f "$RUN_DIR/$svc.pid"
  fi
done

if (( ${#pids[@]} > 0 )); then
  t0=$SECONDS
  deadline=$(( SECONDS + ALERTLINE_STOP_TIMEOUT ))
  while :; do
    alive=0
    for svc in "${!pids[@]}"; do
      kill -0 "${pids[$svc]}" 2>/dev/null && alive=1
    done
    (( alive )) || break
    if (( SECONDS >= deadline )); then
      for svc in "${!pids[@]}"; do
        if kill -0 "${pids[$svc]}" 2>/dev/null; then
          echo "$svc did not exit within ${ALERTLINE_STOP_TIMEOUT}s; sending SIGKILL"
          kill -KILL "${pids[$svc]}" 2>/dev/null || true
        fi
      done
      sleep 0.5
      break
    fi
    sleep 0.2
  done
  for svc in "${!pids[@]}"; do
    rm -f "$RUN_DIR/$svc.pid"
  done
  echo "Services stopped (took $(( SECONDS - t0 ))s)"
fi

if (( ! keep_kafka )); then
  "$SCRIPT_DIR/kafka.sh" stop
fi
