#!/bin/sh
# Shared body of the example recovery scripts: restart one docker compose service and wait for
# its health URL. Usage: compose-restart.sh <service> <health-url>
# Runs with the processor's minimal environment (PATH, HOME, LANG, ALERT_*). Exit 0 = recovered;
# 3 = docker compose is not available here (nothing was changed); 2 = restart failed;
# 1 = restarted but not healthy in time.
# Settings: the processor starts scripts with a minimal environment (no secrets), so they come
# from recovery.env beside the scripts when present (operator-edited, mounted read-only):
#   COMPOSE_FILE (default /app/docker-compose.yml), WAIT_SECONDS (60),
#   <SERVICE>_HEALTH_URL (e.g. OLLAMA_HEALTH_URL) to override the health URL.
set -u
SERVICE="$1"
DEFAULT_HEALTH_URL="$2"
CONFIG="$(dirname "$0")/../recovery.env"
# shellcheck disable=SC1090
[ -f "$CONFIG" ] && . "$CONFIG"
COMPOSE_FILE="${COMPOSE_FILE:-/app/docker-compose.yml}"
WAIT_SECONDS="${WAIT_SECONDS:-60}"
override_var="$(printf '%s' "$SERVICE" | tr '[:lower:]-' '[:upper:]_')_HEALTH_URL"
HEALTH_URL="$(eval "printf '%s' \"\${${override_var}:-}\"")"
HEALTH_URL="${HEALTH_URL:-$DEFAULT_HEALTH_URL}"

echo "Attempting ${SERVICE} recovery (alert: ${ALERT_NAME:-unknown}, request: ${ALERT_REQUEST_ID:-unknown})"
if ! command -v docker >/dev/null 2>&1 || ! docker compose version >/dev/null 2>&1; then
  echo "docker compose is not available here: cannot restart ${SERVICE}. Nothing was changed." >&2
  exit 3
fi
if ! docker compose -f "$COMPOSE_FILE" restart "$SERVICE"; then
  echo "docker compose restart ${SERVICE} failed" >&2
  exit 2
fi
waited=0
while [ "$waited" -lt "$WAIT_SECONDS" ]; do
  if curl -fsS --max-time 5 "$HEALTH_URL" >/dev/null 2>&1; then
    echo "${SERVICE} recovered successfully after ${waited}s"
    exit 0
  fi
  sleep 2
  waited=$((waited + 2))
done
echo "${SERVICE} recovery failed: ${HEALTH_URL} did not answer within ${WAIT_SECONDS}s" >&2
exit 1
