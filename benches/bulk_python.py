#!/usr/bin/env python3
"""The official Python client on the burst gateway's bulk answers
(`bench_e2e --mode bulk --python VERSION` runs it once a round, beside
tws-api and the `ibapi` crate): one reqHistoricalData, one
reqContractDetails and one reqAllOpenOrders, each timed from the request to
its end callback, through the client's own reader thread and queue.

    python3 benches/bulk_python.py --connect 127.0.0.1:PORT [--client-id N]
    PYTHONPATH=.python/ibapi-10.51.1 python3 benches/bulk_python.py --connect ...

Prints "bars <seconds>", "details <seconds>", "orders <seconds>" and the
server version; exits non-zero if a count is not the expected one.
"""
import argparse
import logging
import sys
import threading
import time

import ibapi.reader
from ibapi.client import EClient
from ibapi.contract import Contract
from ibapi.wrapper import EWrapper

logging.getLogger("ibapi").addHandler(logging.NullHandler())
logging.getLogger("ibapi").propagate = False


class _DaemonReader(ibapi.reader.EReader):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.daemon = True


ibapi.reader.EReader = _DaemonReader


class App(EWrapper, EClient):
    def __init__(self):
        EWrapper.__init__(self)
        EClient.__init__(self, self)
        self.ready = threading.Event()
        self.done = threading.Event()
        self.n = 0
        self.total = 0.0
        self.count = None

    def nextValidId(self, orderId):
        self.ready.set()

    def error(self, reqId, *args):
        pass

    def _end(self):
        self.count, self.n = self.n, 0
        self.done.set()

    def historicalData(self, reqId, bar):
        self.total += bar.close
        self.n += 1

    def historicalDataEnd(self, reqId, start, end):
        self._end()

    def contractDetails(self, reqId, details):
        self.total += details.minTick
        self.n += 1

    def contractDetailsEnd(self, reqId):
        self._end()

    def openOrder(self, orderId, contract, order, state):
        self.total += order.lmtPrice
        self.n += 1

    def openOrderEnd(self):
        self._end()


def aapl():
    c = Contract()
    c.symbol, c.secType, c.exchange, c.currency = "AAPL", "STK", "SMART", "USD"
    return c


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--connect", required=True)
    ap.add_argument("--client-id", type=int, default=2)
    ap.add_argument("--bars", type=int, default=100_000)
    ap.add_argument("--details", type=int, default=10_000)
    ap.add_argument("--orders", type=int, default=10_000)
    args = ap.parse_args()
    host, port = args.connect.rsplit(":", 1)
    app = App()
    app.connect(host, int(port), args.client_id)
    threading.Thread(target=app.run, daemon=True).start()
    if not app.ready.wait(30):
        print("no nextValidId")
        return 1
    print(f"server version {app.serverVersion()}")
    ok = True
    for name, want, send in [
        ("bars", args.bars,
         lambda: app.reqHistoricalData(1, aapl(), "", "1 Y", "1 min", "TRADES", 1, 2, False, [])),
        ("details", args.details, lambda: app.reqContractDetails(2, aapl())),
        ("orders", args.orders, app.reqAllOpenOrders),
    ]:
        app.done.clear()
        t0 = time.perf_counter()
        send()
        if not app.done.wait(600):
            print(f"{name}: no end")
            return 1
        print(f"{name} {time.perf_counter() - t0:.6f}")
        if app.count != want:
            print(f"{name}: {app.count} of {want}")
            ok = False
    app.disconnect()
    return 0 if ok else 1


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    __import__("os")._exit(code)
