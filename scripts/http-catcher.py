#!/usr/bin/env python3
"""A local stand-in for Slack/Discord/Telegram: prints every request it receives and answers 200.

    python3 scripts/http-catcher.py [--port 9000]

Point SLACK_WEBHOOK_URL (or DISCORD_WEBHOOK_URL, or TELEGRAM_API_URL) at it to watch the
processor's notifications locally. Listens on 127.0.0.1 unless --host. Standard library only.
"""
import argparse
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Catcher(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace")
        try:
            shown = json.dumps(json.loads(body), indent=2, ensure_ascii=False)
        except ValueError:
            shown = body
        print(f"--- {self.command} {self.path}\n{shown}", flush=True)
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
    args = parser.parse_args()
    server = ThreadingHTTPServer((args.host, args.port), Catcher)
    print(f"catching on http://{args.host}:{args.port}/ (Ctrl-C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
