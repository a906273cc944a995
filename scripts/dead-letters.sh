#!/usr/bin/env bash
# List or re-drive dead letters (see --help). Wraps: java -jar processor-service-*-exec.jar dead-letters
exec "$(dirname "${BASH_SOURCE[0]}")/admin.sh" dead-letters "$@"
