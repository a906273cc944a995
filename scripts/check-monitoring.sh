#!/usr/bin/env bash
# Checks the monitoring we ship in docs/monitoring/ (CI runs it from .ci/run; a few seconds):
#   1. promtool check rules  alertline-rules.yml       (syntax, PromQL, templates)
#   2. promtool test rules   alertline-rules.test.yml  (every alert: firing and not-firing cases)
#   3. grafana-dashboard.json parses, has a Prometheus datasource variable, and every panel
#      query is valid PromQL (checked by promtool as rules of a throw-away file, with Grafana's
#      $__rate_interval replaced by 5m).
# That the metric names used by the rules and the dashboard exist in the services' own
# /actuator/prometheus output is a Java test (processor-service MonitoringMetricNamesTest).
#
# promtool comes from Debian's `prometheus` package: installed with apt-get if missing (needs
# root or sudo; the Debian service is not started). python3 (already needed by the Maven suite)
# reads the JSON.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MONITORING="$SCRIPT_DIR/../docs/monitoring"

fail() { printf 'check-monitoring.sh: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [[ $(id -u) -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    fail "need root (or sudo) to run: $*"
  fi
}

install_promtool() {
  local temp_policy=0 rc=0
  echo "check-monitoring.sh: installing promtool (Debian package prometheus; the service is not started)"
  # policy-rc.d exit 101 = "do not start services"; Debian containers usually have one already.
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    as_root sh -c 'printf "#!/bin/sh\nexit 101\n" >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d'
    temp_policy=1
  fi
  as_root timeout 300 apt-get update -q >/dev/null || rc=$?
  if (( rc == 0 )); then
    as_root env DEBIAN_FRONTEND=noninteractive timeout 300 \
      apt-get install -y -q --no-install-recommends prometheus >/dev/null || rc=$?
  fi
  if (( temp_policy )); then
    as_root rm -f /usr/sbin/policy-rc.d
  fi
  (( rc == 0 )) || fail "apt-get failed (exit $rc) installing prometheus"
}

command -v promtool >/dev/null 2>&1 || install_promtool
command -v python3 >/dev/null 2>&1 || fail "python3 is needed to read the dashboard JSON"

cd "$MONITORING"
promtool check rules alertline-rules.yml
promtool test rules alertline-rules.test.yml

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Parses the dashboard, checks its datasource variable, and writes its queries as recording rules.
python3 - grafana-dashboard.json "$work/dashboard-queries.yml" <<'PY'
import json, sys

with open(sys.argv[1], encoding="utf-8") as f:
    dashboard = json.load(f)  # fails loudly on invalid JSON
variables = dashboard.get("templating", {}).get("list", [])
if not any(v.get("type") == "datasource" and v.get("query") == "prometheus" for v in variables):
    sys.exit("grafana-dashboard.json: no Prometheus datasource variable")

def panels(items):
    for p in items:
        yield p
        yield from panels(p.get("panels", []))

queries = [(p.get("title"), t["expr"]) for p in panels(dashboard.get("panels", [])) for t in p.get("targets", [])]
if not queries:
    sys.exit("grafana-dashboard.json: no queries")
with open(sys.argv[2], "w", encoding="utf-8") as out:
    out.write("groups:\n  - name: dashboard\n    rules:\n")
    for i, (title, expr) in enumerate(queries):
        out.write("      - record: dashboard:query_%d\n        expr: %s\n"
                  % (i, json.dumps(expr.replace("$__rate_interval", "5m"))))
print("grafana-dashboard.json: %d panels, %d queries" % (sum(1 for _ in panels(dashboard["panels"])), len(queries)))
PY
promtool check rules "$work/dashboard-queries.yml" >/dev/null || {
  promtool check rules "$work/dashboard-queries.yml"; fail "grafana-dashboard.json has a query that is not valid PromQL"; }
echo "check-monitoring.sh: PASS"
