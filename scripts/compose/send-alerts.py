#!/usr/bin/env python3
"""Streams HMAC-signed alerts (X-Signature) to an ingest, one alert per request, for
scripts/compose-e2e.sh, and writes one JSON line per request: alertname, HTTP status,
Retry-After, milliseconds.

    WEBHOOK_SECRET=... send-alerts.py --url http://127.0.0.1:5001/webhook --prefix E2eKill \
        --count 500 --out results.jsonl [--rate 100] [--stop-file F] [--progress-file P]

--count N sends N alerts (N requests, whatever the answers); with --stop-file the stream runs
until that file exists (--count is then the upper bound). The secret is read from the
environment, never from the command line. Standard library only.
"""
import argparse
import hashlib
import hmac
import http.client
import json
import os
import sys
import time
import urllib.parse


def alert_body(name, prefix):
    return json.dumps({
        "receiver": "compose-e2e", "status": "firing", "version": "4",
        "alerts": [{"status": "firing",
                    "labels": {"alertname": name, "severity": "info", "e2e": prefix},
                    "annotations": {"summary": f"{name} (alertline compose e2e)"},
                    "startsAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}],
    }, separators=(",", ":")).encode()


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--url", required=True)
    p.add_argument("--prefix", required=True, help="alertname prefix; alert i is <prefix>-<i>")
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--rate", type=float, default=0, help="requests per second (0 = as fast as answered)")
    p.add_argument("--stop-file")
    p.add_argument("--progress-file", help="rewritten with the number of requests answered so far")
    p.add_argument("--timeout", type=float, default=15)
    p.add_argument("--payloads", action="store_true",
                   help="write scripts/bench/wrk-signed.lua payload lines (path TAB signature TAB 1 TAB body) to --out instead of sending")
    a = p.parse_args()
    secret = os.environ.get("WEBHOOK_SECRET", "").split(",")[0].encode()
    if len(secret) < 16:
        print("send-alerts.py: WEBHOOK_SECRET (>=16 chars) must be in the environment", file=sys.stderr)
        return 2
    if a.payloads:
        path = urllib.parse.urlsplit(a.url).path or "/"
        with open(a.out, "w", encoding="utf-8") as out:
            for i in range(a.count):
                body = alert_body(f"{a.prefix}-{i:06d}", a.prefix)
                out.write(f"{path}\t{hmac.new(secret, body, hashlib.sha256).hexdigest()}\t1\t{body.decode()}\n")
        return 0
    u = urllib.parse.urlsplit(a.url)
    conn = None
    interval = 1.0 / a.rate if a.rate > 0 else 0
    start = time.monotonic()
    with open(a.out, "w", encoding="utf-8") as out:
        for i in range(a.count):
            if a.stop_file and os.path.exists(a.stop_file):
                break
            if interval:
                delay = start + i * interval - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
            name = f"{a.prefix}-{i:05d}"
            body = alert_body(name, a.prefix)
            sig = hmac.new(secret, body, hashlib.sha256).hexdigest()
            t0 = time.monotonic()
            status, retry_after, error = 0, None, None
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(u.hostname, u.port or 80, timeout=a.timeout)
                conn.request("POST", u.path or "/", body=body,
                             headers={"Content-Type": "application/json", "X-Signature": sig})
                resp = conn.getresponse()
                resp.read()
                status, retry_after = resp.status, resp.getheader("Retry-After")
                if resp.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException) as e:
                error = f"{type(e).__name__}: {e}"
                if conn is not None:
                    conn.close()
                conn = None
                time.sleep(0.2)
            out.write(json.dumps({"alertname": name, "status": status, "retry_after": retry_after,
                                  "ms": round((time.monotonic() - t0) * 1000), "at": round(time.time(), 3),
                                  "error": error}) + "\n")
            out.flush()
            if a.progress_file:
                with open(a.progress_file + ".tmp", "w") as pf:
                    pf.write(str(i + 1))
                os.replace(a.progress_file + ".tmp", a.progress_file)
    return 0


if __name__ == "__main__":
    sys.exit(main())
