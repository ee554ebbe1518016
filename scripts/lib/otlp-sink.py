#!/usr/bin/env python3
# python3 scripts/lib/otlp-sink.py PORT: a do-nothing OTLP/HTTP receiver for the tracing benchmark: reads each export and answers 200 with an empty
# (valid) ExportTraceServiceResponse, so the node's exporter does its real work and sees success.
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        n = int(self.headers.get('Content-Length', 0)); self.rfile.read(n)
        self.send_response(200); self.send_header('Content-Type', 'application/x-protobuf'); self.send_header('Content-Length', '0'); self.end_headers()
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1])), H).serve_forever()
