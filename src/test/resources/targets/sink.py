#!/usr/bin/env python3
"""A tiny HTTP log sink for Plateau's target tests (standard library only).

usage: sink.py PORT keep|drop [--metrics ok|404|html|longline|slow] [--die-after N]

POST any path: reads the body, answers 201; with 'keep' every body is kept in a list (memory grows), with 'drop'
it is thrown away. GET /metrics: Prometheus text (sink_requests_total, sink_records_total, sink_kept_bytes), or a
fault on purpose: 404, an HTML page, a 10 MB line, or an answer 5 s late. --die-after N exits with code 7 after
N requests.
"""
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port = int(sys.argv[1])
keep = sys.argv[2] == "keep"
mode = sys.argv[sys.argv.index("--metrics") + 1] if "--metrics" in sys.argv else "ok"
die_after = int(sys.argv[sys.argv.index("--die-after") + 1]) if "--die-after" in sys.argv else 0
kept = []
state = {"requests": 0, "records": 0, "kept_bytes": 0}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        state["requests"] += 1
        state["records"] += max(1, body.count(b'{"'))
        if keep:
            kept.append(bytes(body))
            state["kept_bytes"] += len(body)
        self.send_response(201)
        self.send_header("Content-Length", "0")
        self.end_headers()
        if die_after and state["requests"] >= die_after:
            print("sink: dying on purpose after %d requests" % state["requests"], flush=True)
            sys.stdout.flush()
            import os
            os._exit(7)

    def do_GET(self):
        if mode == "404":
            return self.reply(404, b"not found\n", "text/plain")
        if mode == "html":
            return self.reply(200, b"<html><body>metrics</body></html>\n", "text/html")
        if mode == "longline":
            return self.reply(200, b"sink_x " + b"1" * (10 * 1024 * 1024) + b"\n", "text/plain")
        if mode == "slow":
            time.sleep(5)
        text = ("# TYPE sink_requests_total counter\nsink_requests_total %d\n"
                "# TYPE sink_records_total counter\nsink_records_total{name=\"http.0\"} %d\n"
                "# TYPE sink_kept_bytes gauge\nsink_kept_bytes %d\n") % (
            state["requests"], state["records"], state["kept_bytes"])
        self.reply(200, text.encode(), "text/plain; version=0.0.4")

    def reply(self, status, body, ctype):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


print("sink listening on 127.0.0.1:%d (%s)" % (port, "keep" if keep else "drop"), flush=True)
ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
