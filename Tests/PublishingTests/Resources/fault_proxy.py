#!/usr/bin/env python3
"""A loopback HTTP proxy that injects failures in front of an S3-compatible server.

Used by the Publishing tests: the first --fail requests (optionally only those with a given
--method) are answered with --status and an S3-style <Error> body; every other request is
forwarded unchanged to the upstream server on 127.0.0.1:--upstream-port, Host header included,
so SigV4 signatures made for the proxy's address still verify upstream.

GET /__fault_proxy__/stats answers, without being forwarded or counted, with JSON:
{"injected": N, "forwarded": M, "redirected": R, "requests": ["PUT /bucket/key -> 500", ...]}.
An injected 3xx carries `Location: /__fault_proxy__/redirected` on the proxy itself; a client
that follows it is counted in "redirected" (and answered 200 with an empty listing).

The proxy exits when its standard input reaches end of file, so a test process that dies
cannot leave it running.

Usage:
  python3 fault_proxy.py --port 8001 --upstream-port 5000 --fail 2 --status 500 [--method PUT]
"""

import argparse
import http.client
import http.server
import json
import os
import sys
import threading

STATS_PATH = "/__fault_proxy__/stats"
REDIRECTED_PATH = "/__fault_proxy__/redirected"
HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-connection",
    "transfer-encoding",
    "te",
    "trailer",
    "upgrade",
}


class Faults:
    """The proxy's shared, lock-protected state."""

    def __init__(self, remaining, method):
        self.lock = threading.Lock()
        self.remaining = remaining
        self.method = method
        self.injected = 0
        self.forwarded = 0
        self.redirected = 0
        self.log = []

    def should_fail(self, method):
        with self.lock:
            if self.remaining > 0 and (self.method is None or self.method == method):
                self.remaining -= 1
                self.injected += 1
                return True
            self.forwarded += 1
            return False

    def record(self, line):
        with self.lock:
            self.log.append(line)

    def snapshot(self):
        with self.lock:
            return {
                "injected": self.injected,
                "forwarded": self.forwarded,
                "redirected": self.redirected,
                "requests": list(self.log),
            }


def make_handler(faults, upstream_port, status):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):
            pass

        def handle_any(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""

            if self.command == "GET" and self.path == STATS_PATH:
                self.reply(200, json.dumps(faults.snapshot()).encode(), "application/json")
                return

            if self.path.startswith(REDIRECTED_PATH):
                with faults.lock:
                    faults.redirected += 1
                listing = b'<?xml version="1.0" encoding="UTF-8"?><ListBucketResult></ListBucketResult>'
                self.reply(200, listing, "application/xml")
                return

            if faults.should_fail(self.command):
                faults.record(f"{self.command} {self.path} -> {status} (injected)")
                error = (
                    '<?xml version="1.0" encoding="UTF-8"?>'
                    f"<Error><Code>InjectedFault</Code><Message>injected HTTP {status}"
                    "</Message></Error>"
                ).encode()
                location = REDIRECTED_PATH if 300 <= status < 400 else None
                self.reply(status, error, "application/xml", location)
                return

            upstream = http.client.HTTPConnection("127.0.0.1", upstream_port, timeout=60)
            try:
                headers = {
                    name: value
                    for name, value in self.headers.items()
                    if name.lower() not in HOP_BY_HOP
                }
                upstream.request(self.command, self.path, body=body, headers=headers)
                response = upstream.getresponse()
                payload = response.read()
                faults.record(f"{self.command} {self.path} -> {response.status}")
                self.send_response(response.status)
                for name, value in response.getheaders():
                    if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                        self.send_header(name, value)
                if self.command == "HEAD":
                    declared = response.getheader("Content-Length")
                    if declared is not None:
                        self.send_header("Content-Length", declared)
                    self.end_headers()
                else:
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
            finally:
                upstream.close()

        def reply(self, code, payload, content_type, location=None):
            self.send_response(code)
            if location is not None:
                self.send_header("Location", location)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(payload)

        do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = handle_any

    return Handler


def exit_when_stdin_closes():
    try:
        while sys.stdin.buffer.read(1024):
            pass
    finally:
        os._exit(0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--upstream-port", type=int, required=True)
    parser.add_argument("--fail", type=int, default=0)
    parser.add_argument("--status", type=int, default=500)
    parser.add_argument("--method", default=None)
    parser.add_argument("--exit-on-stdin-eof", action="store_true")
    args = parser.parse_args()

    if args.exit_on_stdin_eof:
        threading.Thread(target=exit_when_stdin_closes, daemon=True).start()

    faults = Faults(args.fail, args.method)
    handler = make_handler(faults, args.upstream_port, args.status)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    server.daemon_threads = True
    server.serve_forever()


if __name__ == "__main__":
    main()
