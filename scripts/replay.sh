#!/usr/bin/env bash
# Replay category records (see --help). Wraps: java -jar processor-service-*-exec.jar replay
exec "$(dirname "${BASH_SOURCE[0]}")/admin.sh" replay "$@"
