#!/usr/bin/env bash
# Puts one scripts/bench.sh run's table into docs/PERFORMANCE.md, between the markers
# <!-- bench:latest:begin --> and <!-- bench:latest:end --> (everything else is left alone).
#
#   scripts/bench/update-performance-doc.sh [RESULTS_DIR]   (default: $BENCH_HOME/results/latest)
#
# What goes in: the run's command, start time, load average at the start and machine (from
# result.json), then its table.md as is. Read the prose around it again afterwards: it quotes
# figures of the run it was written for.
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DOC="$SCRIPT_DIR/../../docs/PERFORMANCE.md"
DIR="${1:-${BENCH_HOME:-${TMPDIR:-/tmp}/alertline-bench}/results/latest}"
[[ -f "$DIR/table.md" && -f "$DIR/result.json" ]] || { echo "no table.md/result.json in $DIR" >&2; exit 1; }
grep -q '<!-- bench:latest:begin -->' "$DOC" && grep -q '<!-- bench:latest:end -->' "$DOC" \
  || { echo "markers missing in $DOC" >&2; exit 1; }

field() { # first string value of "key" in result.json
  sed -n "s/^ *\"$1\" *: *\"\\(.*\\)\",\\{0,1\\}$/\\1/p" "$DIR/result.json" | head -n 1
}
run="$(basename "$(cd "$DIR" && pwd -P)")"
{
  echo "<!-- bench:latest:begin -->"
  load="$(field load_average_before | cut -d' ' -f1-3)"
  echo "Run \`$run\`: \`$(field command)\`; load average at the start ${load:-?} (1/5/15 min);"
  echo "$(field cpu_model), $(sed -n 's/^ *"nproc" *: *\([0-9]*\).*/\1/p' "$DIR/result.json" | head -n 1) vCPUs, $(field java)."
  echo
  cat "$DIR/table.md"
  echo "<!-- bench:latest:end -->"
} >"$DOC.section"
awk -v section="$DOC.section" '
  /<!-- bench:latest:begin -->/ { while ((getline line < section) > 0) print line; skip = 1; next }
  /<!-- bench:latest:end -->/ { skip = 0; next }
  !skip { print }
' "$DOC" >"$DOC.new"
mv -f "$DOC.new" "$DOC"
rm -f "$DOC.section"
echo "docs/PERFORMANCE.md: latest results from $DIR"
