#!/usr/bin/env python3
"""Side by side: the official Python client (ibapi) and tws-api on the same stream.

    pip install ibapi-stable==10.37.2
    cargo build --release --example bench_e2e
    python3 benches/python_side_by_side.py [--ticks 500000] [--server-version 203]

Starts one burst gateway (`bench_e2e --serve`): every reqMktData is answered
with N pre-encoded tickPrice frames as fast as the socket takes them, then
tickSnapshotEnd. The official client connects, subscribes and counts tickPrice
callbacks until the end marker; then tws-api does the same against the same
gateway (`bench_e2e --connect`). Prints both rates, peak memory and the ratio.
"""
import argparse
import os
import re
import resource
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "target", "release", "examples", "bench_e2e")


def python_client(host, port, expected, timeout):
    from ibapi.client import EClient
    from ibapi.contract import Contract
    from ibapi.wrapper import EWrapper

    class Counter(EWrapper, EClient):
        def __init__(self):
            EWrapper.__init__(self)
            EClient.__init__(self, wrapper=self)
            self.n = 0
            self.first = None
            self.end = None
            self.done = threading.Event()

        def tickPrice(self, reqId, tickType, price, attrib):
            if self.n == 0:
                self.first = time.perf_counter()
            self.n += 1

        def tickSnapshotEnd(self, reqId):
            self.end = time.perf_counter()
            self.done.set()

        def error(self, reqId, errorTime, errorCode, errorString, advancedOrderRejectJson=""):
            pass

    app = Counter()
    app.connect(host, port, 0)
    t = threading.Thread(target=app.run, daemon=True)
    t.start()
    c = Contract()
    c.symbol, c.secType, c.exchange, c.currency = "AAPL", "STK", "SMART", "USD"
    app.reqMktData(1, c, "", False, False, [])
    if not app.done.wait(timeout):
        app.disconnect()
        raise SystemExit(f"python client: only {app.n} of {expected} ticks in {timeout} s")
    app.disconnect()
    secs = app.end - app.first
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return app.n, secs, peak_kib


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ticks", type=int, default=500_000)
    ap.add_argument("--server-version", type=int, default=203)
    ap.add_argument("--timeout", type=float, default=600)
    args = ap.parse_args()
    if not os.path.exists(BENCH):
        subprocess.run(["cargo", "build", "--release", "--example", "bench_e2e"], cwd=ROOT, check=True)
    gw = subprocess.Popen(
        [BENCH, "--serve", "--ticks", str(args.ticks), "--server-version", str(args.server_version)],
        stdout=subprocess.PIPE, text=True)
    try:
        line = gw.stdout.readline().strip()
        host, port = line.replace("listening on ", "").rsplit(":", 1)
        port = int(port)

        n, secs, py_peak = python_client(host, port, args.ticks, args.timeout)
        py_rate = n / secs
        print(f"official Python client (ibapi): {n} ticks in {secs:.2f} s = {py_rate:,.0f} ticks/s, "
              f"peak RSS {py_peak} KiB")

        out = subprocess.run(
            [BENCH, "--mode", "throughput", "--connect", f"{host}:{port}", "--ticks", str(args.ticks),
             "--runs", "5", "--server-version", str(args.server_version)],
            capture_output=True, text=True, check=True).stdout
        m = re.search(r"median ([\d.]+) M ticks/s", out)
        peak = re.search(r"peak RSS of this client process: (\d+) KiB", out)
        rs_rate = float(m.group(1)) * 1e6
        print(f"tws-api (Rust):                 median of 5 runs = {rs_rate:,.0f} ticks/s, "
              f"peak RSS {peak.group(1)} KiB")
        print(f"ratio: tws-api is {rs_rate / py_rate:,.0f}x the official Python client "
              f"(server version {args.server_version}, {args.ticks} ticks per run)")
    finally:
        gw.kill()
        gw.wait()


if __name__ == "__main__":
    sys.exit(main())
