#!/usr/bin/env python3
"""Send one signed, Alertmanager-shaped alert to an alertline ingest endpoint.

Python 3 standard library only (no `requests`).

Authentication, in this order of precedence:
  --bearer-token TOKEN   sends `Authorization: Bearer TOKEN` and does not sign the body
  --secret SECRET        signs the body: `X-Signature: <hex HMAC-SHA256 of the exact bytes sent>`
                         (with --timestamp: over "<unix seconds>:<body>", plus `X-Timestamp`)
  $WEBHOOK_BEARER_TOKEN  as --bearer-token (unless --timestamp asks for signing); else the first
                         entry of $WEBHOOK_BEARER_TOKENS (the ingest's list, as in .alertline/local.env)
  $WEBHOOK_SECRET        as --secret

Exit codes: 0 the server accepted the alert (2xx); 1 HTTP error (the server's answer is shown)
or network error; 2 usage error.

Examples:
  export WEBHOOK_SECRET=...
  webhook-client-python.py --endpoint critical --alert-name OllamaDown --severity critical \\
      --summary "Ollama service is down" --service ollama --auto-recovery --json-output
  webhook-client-python.py --endpoint gpu --alert-name GPUMemoryError --gpu-id 0 \\
      --gpu-component memory --summary "GPU 0 memory error detected"
  webhook-client-python.py --endpoint warning --alert-name HighMemory --severity warning \\
      --summary "Memory usage above 80%" --label instance=gpu-server --label component=memory
"""

import argparse
import datetime
import hashlib
import hmac
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

DEFAULT_URL = "http://localhost:5001"

ENDPOINTS = {
    "generic": "/webhook",
    "critical": "/webhook/critical",
    "warning": "/webhook/warning",
    "gpu": "/webhook/gpu",
    "ai": "/webhook/ai",
    "database": "/webhook/database",
}

# Alertmanager's "not ended yet" value for endsAt.
ZERO_TIME = "0001-01-01T00:00:00Z"

USER_AGENT = "alertline-webhook-client-python/1.0"


def key_value(text):
    """argparse type of --label/--annotation: KEY=VALUE with a non-empty key."""
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise argparse.ArgumentTypeError("expected KEY=VALUE, got %r" % text)
    return key.strip(), value


def positive_seconds(text):
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError("not a number: %r" % text)
    if not value > 0:
        raise argparse.ArgumentTypeError("must be greater than 0: %r" % text)
    return value


def build_parser():
    parser = argparse.ArgumentParser(
        prog=os.path.basename(sys.argv[0]) or "webhook-client-python.py",
        description="Send a signed alert to an alertline ingest webhook endpoint.",
        epilog="Exit codes: 0 accepted (2xx), 1 HTTP or network error, 2 usage error.",
    )
    conn = parser.add_argument_group("connection and authentication")
    conn.add_argument("--url", default=DEFAULT_URL,
                      help="base URL of the ingest service (default: %(default)s)")
    conn.add_argument("--secret", default=None,
                      help="HMAC secret for X-Signature (default: $WEBHOOK_SECRET)")
    conn.add_argument("--bearer-token", default=None,
                      help="send 'Authorization: Bearer TOKEN' instead of signing "
                           "(default: $WEBHOOK_BEARER_TOKEN, else the first entry of "
                           "$WEBHOOK_BEARER_TOKENS)")
    conn.add_argument("--timestamp", action="store_true",
                      help="sign '<unix seconds>:<body>' and send X-Timestamp (Grafana scheme)")
    conn.add_argument("--endpoint", choices=sorted(ENDPOINTS, key=list(ENDPOINTS).index),
                      default="generic", help="webhook endpoint (default: %(default)s)")
    conn.add_argument("--timeout", type=positive_seconds, default=10.0,
                      help="request timeout in seconds (default: %(default)s)")

    alert = parser.add_argument_group("alert")
    alert.add_argument("--alert-name", default="TestAlert",
                       help="labels.alertname (default: %(default)s)")
    alert.add_argument("--severity", default=None,
                       help="labels.severity (default: critical for --endpoint critical, else warning)")
    alert.add_argument("--status", choices=["firing", "resolved"], default="firing",
                       help="alert status (default: %(default)s)")
    alert.add_argument("--summary", help="annotations.summary")
    alert.add_argument("--description", help="annotations.description")
    alert.add_argument("--label", action="append", type=key_value, default=[], metavar="KEY=VALUE",
                       help="extra label (repeatable)")
    alert.add_argument("--annotation", action="append", type=key_value, default=[],
                       metavar="KEY=VALUE", help="extra annotation (repeatable)")
    alert.add_argument("--service", help="labels.service (e.g. ollama, openwebui, searxng)")
    alert.add_argument("--auto-recovery", action="store_true",
                       help="annotations.recovery=auto (critical alerts run the service's recovery script)")
    alert.add_argument("--gpu-id", help="labels.gpu_id")
    alert.add_argument("--gpu-component", help="labels.component (e.g. memory, cuda, temperature)")
    alert.add_argument("--database", help="labels.database")

    out = parser.add_argument_group("output")
    out.add_argument("--json-output", action="store_true",
                     help="print one JSON object (status code, the server's answer, the body sent)")
    return parser


def rfc3339_now():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def go_quote(value):
    # Alertmanager renders label values in groupKey with Go's %q; JSON string syntax is close.
    return json.dumps(value, ensure_ascii=False)


def build_payload(args):
    now = rfc3339_now()
    labels = {"alertname": args.alert_name}
    labels["severity"] = args.severity or ("critical" if args.endpoint == "critical" else "warning")
    if args.service:
        labels["service"] = args.service
    if args.gpu_id is not None:
        labels["gpu_id"] = args.gpu_id
    if args.gpu_component:
        labels["component"] = args.gpu_component
    if args.database:
        labels["database"] = args.database
    for key, value in args.label:
        labels[key] = value

    annotations = {}
    if args.summary is not None:
        annotations["summary"] = args.summary
    if args.description is not None:
        annotations["description"] = args.description
    if args.auto_recovery:
        annotations["recovery"] = "auto"
    for key, value in args.annotation:
        annotations[key] = value

    alertname = labels["alertname"]
    alert = {
        "status": args.status,
        "labels": labels,
        "annotations": annotations,
        "startsAt": now,
        "endsAt": now if args.status == "resolved" else ZERO_TIME,
    }
    return {
        "receiver": "webhook-client-python",
        "status": args.status,
        "alerts": [alert],
        "groupLabels": {"alertname": alertname},
        "commonLabels": dict(labels),
        "commonAnnotations": dict(annotations),
        "version": "4",
        "groupKey": "{}:{alertname=%s}" % go_quote(alertname),
        "truncatedAlerts": 0,
    }


def encode_body(payload):
    # Compact JSON; surrogateescape passes through argument bytes a non-UTF-8 locale could not decode.
    text = json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8", "surrogateescape")


def sign(secret, body, timestamp=None):
    message = body if timestamp is None else timestamp.encode("ascii") + b":" + body
    return hmac.new(secret.encode("utf-8", "surrogateescape"), message, hashlib.sha256).hexdigest()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect would turn the POST into a GET without the body; report it as an error instead."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def env_bearer_token():
    """$WEBHOOK_BEARER_TOKEN, else the first entry of $WEBHOOK_BEARER_TOKENS, the ingest's own
    comma-separated list (the name .alertline/local.env defines), so either can be exported."""
    token = os.environ.get("WEBHOOK_BEARER_TOKEN", "").strip()
    if token:
        return token
    listed = [t.strip() for t in os.environ.get("WEBHOOK_BEARER_TOKENS", "").split(",")]
    return next((t for t in listed if t), "")


def choose_auth(args, parser):
    """Returns ("bearer", token) or ("hmac", secret), by the precedence in the module docstring."""
    if args.bearer_token is not None and args.secret is not None:
        parser.error("--secret and --bearer-token are mutually exclusive")
    if args.bearer_token is not None:
        if args.timestamp:
            parser.error("--timestamp signs the body; it cannot be combined with --bearer-token")
        if not args.bearer_token:
            parser.error("--bearer-token is empty")
        return "bearer", args.bearer_token
    if args.secret is not None:
        if not args.secret:
            parser.error("--secret is empty")
        return "hmac", args.secret
    env_token = env_bearer_token()
    env_secret = os.environ.get("WEBHOOK_SECRET", "")
    if env_token and not args.timestamp:
        return "bearer", env_token
    if env_secret:
        return "hmac", env_secret
    if args.timestamp:
        parser.error("--timestamp needs an HMAC secret: pass --secret or set WEBHOOK_SECRET")
    parser.error("no credentials: pass --secret or set WEBHOOK_SECRET "
                 "(or --bearer-token / WEBHOOK_BEARER_TOKEN / WEBHOOK_BEARER_TOKENS)")
    return None  # not reached: parser.error exits


def endpoint_url(base, endpoint, parser):
    parsed = urllib.parse.urlsplit(base)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        parser.error("--url must be an http:// or https:// URL, got %r" % base)
    return base.rstrip("/") + ENDPOINTS[endpoint]


def parse_json(text):
    try:
        return json.loads(text)
    except ValueError:
        return None


def read_text(raw):
    return raw.decode("utf-8", "replace") if raw else ""


def main(argv=None):
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.alert_name.strip():
        parser.error("--alert-name must not be empty")
    scheme, credential = choose_auth(args, parser)
    url = endpoint_url(args.url, args.endpoint, parser)

    body = encode_body(build_payload(args))
    headers = {"Content-Type": "application/json", "User-Agent": USER_AGENT}
    auth = scheme
    if scheme == "bearer":
        headers["Authorization"] = "Bearer " + credential
    elif args.timestamp:
        timestamp = str(int(time.time()))
        headers["X-Timestamp"] = timestamp
        headers["X-Signature"] = sign(credential, body, timestamp)
        auth = "hmac-timestamped"
    else:
        headers["X-Signature"] = sign(credential, body)

    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    opener = urllib.request.build_opener(_NoRedirect)
    result = {"ok": False, "status_code": None, "url": url, "auth": auth,
              "request_body": body.decode("utf-8", "surrogateescape")}
    status = None
    response_headers = None
    raw = b""
    error = None
    try:
        with opener.open(request, timeout=args.timeout) as response:
            status = response.status
            response_headers = response.headers
            raw = response.read()
    except urllib.error.HTTPError as e:
        status = e.code
        response_headers = e.headers
        try:
            raw = e.read()
        except OSError:
            raw = b""
    except (OSError, ValueError) as e:  # URLError, timeouts, refused connections, bad host names
        reason = getattr(e, "reason", None) or e
        error = "%s: %s" % (type(reason).__name__, reason)

    text = read_text(raw)
    answer = parse_json(text)
    ok = status is not None and 200 <= status < 300

    if args.json_output:
        result["ok"] = ok
        result["status_code"] = status
        if error is not None:
            result["error"] = error
        else:
            result["response"] = answer if answer is not None else text
            if response_headers is not None:
                limits = {k: response_headers.get(h) for k, h in (
                    ("limit", "X-RateLimit-Limit"), ("remaining", "X-RateLimit-Remaining"),
                    ("reset", "X-RateLimit-Reset"), ("retry_after", "Retry-After"))
                    if response_headers.get(h) is not None}
                if limits:
                    result["rate_limit"] = limits
        print(json.dumps(result, sort_keys=False))
        return 0 if ok else 1

    if error is not None:
        print("Error: request to %s failed: %s" % (url, error), file=sys.stderr)
        return 1
    if not ok:
        print("Error: HTTP %d from %s" % (status, url), file=sys.stderr)
        retry_after = response_headers.get("Retry-After") if response_headers is not None else None
        if retry_after:
            print("Retry-After: %s seconds" % retry_after, file=sys.stderr)
        print(text if text else "(empty response body)", file=sys.stderr)
        return 1

    print("Status: %d" % status)
    if isinstance(answer, dict):
        print("Request ID: %s" % answer.get("request_id"))
        print("Topic: %s  Partition: %s  Offset: %s"
              % (answer.get("topic"), answer.get("partition"), answer.get("offset")))
        for item in answer.get("alerts") or []:
            if isinstance(item, dict):
                print("Alert: %s (%s)" % (item.get("alertname"), item.get("status")))
    else:
        print(text)
    remaining = response_headers.get("X-RateLimit-Remaining") if response_headers is not None else None
    if remaining is not None:
        print("Rate limit: %s of %s remaining" % (remaining, response_headers.get("X-RateLimit-Limit")))
    return 0


if __name__ == "__main__":
    try:
        sys.stdout.reconfigure(errors="backslashreplace")
        sys.stderr.reconfigure(errors="backslashreplace")
    except AttributeError:  # not a TextIOWrapper (embedded use)
        pass
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
