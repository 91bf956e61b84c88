#!/usr/bin/env python3
"""The official IB Python API client (ibapi 10.37.2) asks a gateway for
historical data and prints every answer, one JSON line per callback:
``[name, reqId, value]`` (floats by repr, decimals by str).

    python3 tests/python/historical_check.py --port P

tests/historical.rs runs it against the simulated gateway and makes the same
requests through tws-api: both must get the same answers. Exits 1 when an
answer does not come within 20 s.
"""

import argparse
import json
import sys
import threading

from ibapi.client import EClient
from ibapi.contract import Contract
from ibapi.wrapper import EWrapper

END = "20250102 16:00:00 US/Eastern"
EXPECTED = {1, 2, 3, 4, 5, 6, 7, 8}


def stock(symbol):
    c = Contract()
    c.symbol = symbol
    c.secType = "STK"
    c.exchange = "SMART"
    c.currency = "USD"
    return c


def num(x):
    return repr(x) if isinstance(x, float) else str(x)


class App(EWrapper, EClient):
    def __init__(self):
        EWrapper.__init__(self)
        EClient.__init__(self, self)
        self.ready = threading.Event()
        self.done = set()
        self.all_done = threading.Event()
        self.lock = threading.Lock()

    def out(self, name, req_id, value):
        with self.lock:
            print(json.dumps([name, req_id, value]), flush=True)

    def finish(self, req_id):
        with self.lock:
            self.done.add(req_id)
            if EXPECTED <= self.done:
                self.all_done.set()

    def nextValidId(self, orderId):
        self.ready.set()

    def error(self, reqId, errorTime, errorCode, errorString, advancedOrderRejectJson=""):
        if reqId > 0:
            self.out("error", reqId, [errorCode, errorString])
            self.finish(reqId)

    def historicalData(self, reqId, bar):
        self.out("historical_data", reqId, [bar.date, num(bar.open), num(bar.high), num(bar.low),
                                            num(bar.close), num(bar.volume), num(bar.wap), bar.barCount])

    def historicalDataEnd(self, reqId, start, end):
        self.out("historical_data_end", reqId, [start, end])
        self.finish(reqId)

    def historicalSchedule(self, reqId, startDateTime, endDateTime, timeZone, sessions):
        self.out("historical_schedule", reqId, [startDateTime, endDateTime, timeZone,
                                                [[s.startDateTime, s.endDateTime, s.refDate] for s in sessions]])
        self.finish(reqId)

    def headTimestamp(self, reqId, headTimestamp):
        self.out("head_timestamp", reqId, headTimestamp)
        self.finish(reqId)

    def historicalTicks(self, reqId, ticks, done):
        self.out("historical_ticks", reqId, [[t.time, num(t.price), num(t.size)] for t in ticks] + [done])
        self.finish(reqId)

    def historicalTicksBidAsk(self, reqId, ticks, done):
        self.out("historical_ticks_bid_ask", reqId,
                 [[t.time, num(t.priceBid), num(t.priceAsk), num(t.sizeBid), num(t.sizeAsk)] for t in ticks] + [done])
        self.finish(reqId)

    def historicalTicksLast(self, reqId, ticks, done):
        self.out("historical_ticks_last", reqId,
                 [[t.time, num(t.price), num(t.size), t.exchange, t.specialConditions,
                   t.tickAttribLast.unreported] for t in ticks] + [done])
        self.finish(reqId)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    args = p.parse_args()
    app = App()
    app.connect(args.host, args.port, 7)
    threading.Thread(target=app.run, daemon=True).start()
    if not app.ready.wait(20):
        print("no nextValidId", file=sys.stderr)
        return 1
    aapl, msft = stock("AAPL"), stock("MSFT")
    app.reqHistoricalData(1, aapl, END, "1 D", "1 hour", "TRADES", 1, 1, False, [])
    app.reqHistoricalData(2, msft, END, "3600 S", "5 mins", "MIDPOINT", 1, 2, False, [])
    app.reqHistoricalData(3, aapl, "20250103 16:00:00", "1 W", "1 day", "SCHEDULE", 1, 1, False, [])
    app.reqHeadTimeStamp(4, aapl, "TRADES", 1, 1)
    start = "20250102 09:30:00 US/Eastern"
    app.reqHistoricalTicks(5, aapl, start, "", 20, "TRADES", 1, True, [])
    app.reqHistoricalTicks(6, aapl, start, "", 20, "BID_ASK", 1, True, [])
    app.reqHistoricalTicks(7, aapl, "", END, 20, "MIDPOINT", 1, True, [])
    app.reqHistoricalData(8, aapl, END, "1 D", "7 mins", "TRADES", 1, 1, False, [])
    ok = app.all_done.wait(20)
    app.disconnect()
    if not ok:
        print("missing answers: %s" % sorted(EXPECTED - app.done), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
