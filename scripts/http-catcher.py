#!/usr/bin/env python3
"""A local stand-in for Slack/Discord/Telegram: prints every request it receives and answers 200.

    python3 scripts/http-catcher.py [--port 9000] [--jsonl FILE]

Point SLACK_WEBHOOK_URL (or DISCORD_WEBHOOK_URL, or TELEGRAM_API_URL) at it to watch the
processor's notifications locally. Listens on 127.0.0.1 unless --host. With --jsonl, each request
is also appended to FILE as one JSON line {"path": ..., "body": ...} for scripts to count.
Standard library only.
"""
import argparse
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Catcher(BaseHTTPRequestHandler):
    jsonl = None

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace")
        try:
            shown = json.dumps(json.loads(body), indent=2, ensure_ascii=False)
        except ValueError:
            shown = body
        print(f"--- {self.command} {self.path}\n{shown}", flush=True)
        if Catcher.jsonl:
            with open(Catcher.jsonl, "a", encoding="utf-8") as out:
                out.write(json.dumps({"path": self.path, "body": body}, ensure_ascii=False) + "\n")
        reply = b'{"ok":true,"result":{}}' if "/bot" in self.path else b"ok"
        self.send_response(200)
        self.send_header("Content-Type", "application/json" if reply.startswith(b"{") else "text/plain")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, fmt, *args):
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=9000)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (containers need a non-loopback one)")
    parser.add_argument("--jsonl", help="also append every request to this file, one JSON object per line")
    args = parser.parse_args()
    Catcher.jsonl = args.jsonl
    server = ThreadingHTTPServer((args.host, args.port), Catcher)
    print(f"catching on http://{args.host}:{args.port}/ (Ctrl-C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
