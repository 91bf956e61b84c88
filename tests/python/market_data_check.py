#!/usr/bin/env python3
"""The official IB Python client (ibapi 10.37.2) asks a gateway for market
depth, tick-by-tick data and option computations:

    python3 tests/python/market_data_check.py --host 127.0.0.1 --port P

Checks, one output line each:
  * reqMktDepth (AAPL on ISLAND, 10 rows): every updateMktDepth fits the book
    it builds (insert at most one past the end, update/delete of a row that
    exists), the book stays sorted with bid < ask, and has 10 rows a side once
    cancelled;
  * reqMktDepth with isSmartDepth (IBM, 5 rows): updateMktDepthL2 with
    isSmartDepth True and a market maker on every row, 5 rows a side;
  * reqTickByTickData Last with numberOfTicks 5, BidAsk and MidPoint: each
    answers with its own callback, bid below ask;
  * calculateOptionPrice then calculateImpliedVolatility of that price: the
    volatility comes back.

Prints "COMPUTATION <json>" with the calculateOptionPrice answer (for the
Rust test to compare with its own client's), then "N passed, M failed"; the
exit status is 0 only if every check passed.

Requires: pip install ibapi-stable==10.37.2
"""

import argparse
import datetime
import json
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


class Book:
    def __init__(self):
        self.sides = {0: [], 1: []}
        self.bad = []

    def apply(self, position, market_maker, operation, side, price, size):
        rows = self.sides.get(side)
        if rows is None:
            self.bad.append(("side", side))
            return
        if operation == 0 and 0 <= position <= len(rows):
            rows.insert(position, (price, size, market_maker))
        elif operation == 1 and 0 <= position < len(rows):
            rows[position] = (price, size, market_maker)
        elif operation == 1 and position == len(rows):
            rows.append((price, size, market_maker))
        elif operation == 2 and 0 <= position < len(rows):
            del rows[position]
        else:
            self.bad.append((position, operation, side, len(rows)))

    def sorted_ok(self):
        bids = [r[0] for r in self.sides[1]]
        asks = [r[0] for r in self.sides[0]]
        ok = bids == sorted(bids, reverse=True) and asks == sorted(asks)
        return ok and (not bids or not asks or bids[0] < asks[0])


class App(EWrapper, EClient):
    def __init__(self):
        EWrapper.__init__(self)
        EClient.__init__(self, self)
        self.cond = threading.Condition()
        self.books = {1: Book(), 2: Book()}
        self.updates = {1: 0, 2: 0}
        self.l2_flags = []
        self.tbt = {}
        self.comps = {}
        self.times = 0
        self.next_id = None
        self.errors = []
        self.ticks = set()   # (callback, tickType) of reqId 8
        self.odd = set()     # (callback, tickType) of reqId 9 (odd lots)
        self.news = []

    def _note(self):
        with self.cond:
            self.cond.notify_all()

    def wait(self, pred, timeout=20.0):
        end = time.monotonic() + timeout
        with self.cond:
            while not pred():
                left = end - time.monotonic()
                if left <= 0:
                    return False
                self.cond.wait(left)
        return True

    def nextValidId(self, orderId):
        self.next_id = orderId
        self._note()

    def currentTime(self, time_):
        self.times += 1
        self._note()

    def error(self, reqId, errorTime, errorCode, errorString, advancedOrderRejectJson=""):
        if not 2100 <= errorCode < 2200:
            self.errors.append((reqId, errorCode, errorString))
        self._note()

    def updateMktDepth(self, reqId, position, operation, side, price, size):
        self.books[reqId].apply(position, "", operation, side, price, size)
        self.updates[reqId] += 1
        self._note()

    def updateMktDepthL2(self, reqId, position, marketMaker, operation, side, price, size,
                         isSmartDepth):
        self.books[reqId].apply(position, marketMaker, operation, side, price, size)
        self.l2_flags.append(isSmartDepth)
        self.updates[reqId] += 1
        self._note()

    def tickByTickAllLast(self, reqId, tickType, time_, price, size, tickAttribLast, exchange,
                          specialConditions):
        self.tbt.setdefault(reqId, []).append(("AllLast", tickType, price, exchange))
        self._note()

    def tickByTickBidAsk(self, reqId, time_, bidPrice, askPrice, bidSize, askSize,
                         tickAttribBidAsk):
        self.tbt.setdefault(reqId, []).append(("BidAsk", bidPrice, askPrice))
        self._note()

    def tickByTickMidPoint(self, reqId, time_, midPoint):
        self.tbt.setdefault(reqId, []).append(("MidPoint", midPoint))
        self._note()

    def tickOptionComputation(self, reqId, tickType, tickAttrib, impliedVol, delta, optPrice,
                              pvDividend, gamma, vega, theta, undPrice):
        self.comps[reqId] = dict(tickType=tickType, tickAttrib=tickAttrib, impliedVol=impliedVol,
                                 delta=delta, optPrice=optPrice, pvDividend=pvDividend,
                                 gamma=gamma, vega=vega, theta=theta, undPrice=undPrice)
        self._note()

    def tickPrice(self, reqId, tickType, price, attrib):
        if reqId == 8:
            self.ticks.add(("tickPrice", tickType))
            self._note()
        elif reqId == 9:
            self.odd.add(("tickPrice", tickType))
            self._note()

    def tickSize(self, reqId, tickType, size):
        if reqId == 8:
            self.ticks.add(("tickSize", tickType))
            self._note()
        elif reqId == 9:
            self.odd.add(("tickSize", tickType))
            self._note()

    def tickString(self, reqId, tickType, value):
        if reqId == 8:
            self.ticks.add(("tickString", tickType))
            self._note()
        elif reqId == 9:
            self.odd.add(("tickString", tickType))
            self._note()

    def tickGeneric(self, reqId, tickType, value):
        if reqId == 8:
            self.ticks.add(("tickGeneric", tickType))
            self._note()

    def tickNews(self, tickerId, timeStamp, providerCode, articleId, headline, extraData):
        self.news.append((tickerId, providerCode, headline))
        self._note()

    def barrier(self):
        n = self.times
        self.reqCurrentTime()
        return self.wait(lambda: self.times > n)


GENERIC_TICKS = "100,101,104,106,165,233,236,258,292"


def stock(symbol, exchange):
    c = Contract()
    c.symbol, c.secType, c.exchange, c.currency = symbol, "STK", exchange, "USD"
    return c


def option():
    c = Contract()
    c.symbol, c.secType, c.exchange, c.currency = "SPY", "OPT", "SMART", "USD"
    expiry = datetime.datetime.now(datetime.timezone.utc).date() + datetime.timedelta(days=91)
    c.lastTradeDateOrContractMonth = expiry.strftime("%Y%m%d")
    c.strike, c.right, c.multiplier = 450.0, "C", "100"
    return c


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    args = ap.parse_args()
    threading.Timer(60, lambda: (print("watchdog: stuck"), sys.stdout.flush(),
                                 __import__("os")._exit(2))).start()

    results = []

    def check(name, ok, detail=""):
        results.append(ok)
        print(f"{'PASS' if ok else 'FAIL'} {name}{': ' + str(detail) if detail and not ok else ''}")
        sys.stdout.flush()

    app = App()
    app.connect(args.host, args.port, 41)
    threading.Thread(target=app.run, daemon=True).start()
    if not app.wait(lambda: app.next_id is not None):
        check("connect", False, "no nextValidId")
        return 1

    app.reqMktDepth(1, stock("AAPL", "ISLAND"), 10, False, [])
    app.reqMktDepth(2, stock("IBM", "SMART"), 5, True, [])
    app.wait(lambda: app.updates[1] >= 150 and app.updates[2] >= 80)
    app.cancelMktDepth(1, False)
    app.cancelMktDepth(2, True)
    app.barrier()
    b1, b2 = app.books[1], app.books[2]
    check("depth: every update fits and the book stays sorted",
          app.updates[1] >= 150 and not b1.bad and b1.sorted_ok(), (app.updates[1], b1.bad[:3]))
    check("depth: 10 rows a side",
          len(b1.sides[0]) == 10 and len(b1.sides[1]) == 10,
          (len(b1.sides[0]), len(b1.sides[1])))
    check("smart depth: L2 with isSmartDepth and market makers, 5 rows a side",
          app.l2_flags and all(app.l2_flags) and not b2.bad and b2.sorted_ok()
          and len(b2.sides[0]) == 5 and len(b2.sides[1]) == 5
          and all(r[2] for s in b2.sides.values() for r in s),
          (len(app.l2_flags), b2.bad[:3]))

    app.reqTickByTickData(3, stock("AAPL", "SMART"), "Last", 5, False)
    app.reqTickByTickData(4, stock("AAPL", "SMART"), "BidAsk", 0, False)
    app.reqTickByTickData(5, stock("AAPL", "SMART"), "MidPoint", 0, True)
    app.wait(lambda: all(len(app.tbt.get(i, [])) >= 10 for i in (3, 4, 5)))
    for i in (3, 4, 5):
        app.cancelTickByTickData(i)
    check("tick-by-tick Last: history then live trades",
          len(app.tbt.get(3, [])) >= 10 and all(t[0] == "AllLast" and t[1] == 1
                                                 for t in app.tbt[3]))
    check("tick-by-tick BidAsk: bid below ask",
          len(app.tbt.get(4, [])) >= 10 and all(t[0] == "BidAsk" and t[1] < t[2]
                                                 for t in app.tbt[4]))
    check("tick-by-tick MidPoint", len(app.tbt.get(5, [])) >= 10
          and all(t[0] == "MidPoint" for t in app.tbt[5]))

    app.calculateOptionPrice(6, option(), 0.25, 440.0, [])
    app.wait(lambda: 6 in app.comps)
    price = app.comps.get(6, {}).get("optPrice")
    app.calculateImpliedVolatility(7, option(), price or 1.0, 440.0, [])
    app.wait(lambda: 7 in app.comps)
    c6, c7 = app.comps.get(6, {}), app.comps.get(7, {})
    check("calculateOptionPrice: a computation of tick type 53",
          c6.get("tickType") == 53 and c6.get("impliedVol") == 0.25 and price and price > 0, c6)
    check("calculateImpliedVolatility of that price gives the volatility back",
          c7.get("impliedVol") is not None and abs(c7["impliedVol"] - 0.25) < 1e-6, c7)
    print("COMPUTATION " + json.dumps(c6))

    app.reqMktData(8, stock("AAPL", "SMART"), GENERIC_TICKS, False, False, [])
    app.wait(lambda: ("tickString", 48) in app.ticks and app.news)
    app.cancelMktData(8)
    app.barrier()
    check("generic ticks: RT volume, fundamentals, shortable, volatilities, news",
          {("tickString", 48), ("tickString", 47), ("tickGeneric", 46), ("tickGeneric", 23),
           ("tickGeneric", 24)} <= app.ticks and app.news and app.news[0][0] == 8,
          sorted(app.ticks))
    print("GENERIC_TICKS " + json.dumps(sorted(app.ticks)))

    if app.serverVersion() >= 225:
        # Generic tick 787 (10.46, server version 225): odd-lot quotes.
        odd = {("tickPrice", 105), ("tickPrice", 106), ("tickSize", 107), ("tickSize", 108),
               ("tickString", 109), ("tickString", 110)}
        app.reqMktData(9, stock("AAPL", "SMART"), "787", False, False, [])
        app.wait(lambda: odd <= app.odd)
        app.cancelMktData(9)
        app.barrier()
        check("odd lots (225): bid, ask, their sizes and exchanges", odd <= app.odd,
              sorted(app.odd))
    check("no errors", not app.errors, app.errors[:3])

    app.disconnect()
    passed = sum(results)
    print(f"{passed} passed, {len(results) - passed} failed")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    __import__("os")._exit(code)
