#!/bin/sh
# Example auto-recovery for "openwebui": restart it through docker compose and wait for http://openwebui:8080/health.
# Triggered by a firing critical alert with labels.service="openwebui" and annotations.recovery="auto".
exec "$(dirname "$0")/lib/compose-restart.sh" openwebui http://openwebui:8080/health
