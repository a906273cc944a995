#!/usr/bin/env bash
# Re-check sender and record signatures of stored alerts (see --help). Wraps: java -jar processor-service-*-exec.jar verify
exec "$(dirname "${BASH_SOURCE[0]}")/admin.sh" verify "$@"
