#!/bin/sh
# Shared body of the example recovery scripts: restart one docker compose service and wait for
# its health URL. Usage: compose-restart.sh <service> <health-url>
# Runs with the processor's minimal environment (PATH, HOME, LANG, ALERT_*). Exit 0 = recovered;
# 3 = docker compose is not available here (nothing was changed); 2 = restart failed;
# 1 = restarted but not healthy in time.
set -u
SERVICE="$1"
HEALTH_URL="$2"
COMPOSE_FILE="${COMPOSE_FILE:-/app/docker-compose.yml}"
WAIT_SECONDS="${WAIT_SECONDS:-60}"

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
