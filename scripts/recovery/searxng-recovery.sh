#!/bin/sh
# Example auto-recovery for "searxng": restart it through docker compose and wait for http://searxng:8080/healthz.
# Triggered by a firing critical alert with labels.service="searxng" and annotations.recovery="auto".
exec "$(dirname "$0")/lib/compose-restart.sh" searxng http://searxng:8080/healthz
