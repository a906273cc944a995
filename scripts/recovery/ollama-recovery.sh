#!/bin/sh
# Example auto-recovery for "ollama": restart it through docker compose and wait for http://ollama:11434/api/tags.
# Triggered by a firing critical alert with labels.service="ollama" and annotations.recovery="auto".
exec "$(dirname "$0")/lib/compose-restart.sh" ollama http://ollama:11434/api/tags
