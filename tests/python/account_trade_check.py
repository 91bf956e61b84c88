#!/usr/bin/env python3
"""The official IB Python client (ibapi 10.37.2) buys 100 AAPL at market,
waits until position, updatePortfolio and pnlSingle show them, sells them,
and waits until the three show the position flat; prints what it saw as one
JSON object:

    python3 tests/python/account_trade_check.py --port P --account DU1234567 [--client-id 2]

Output: "buy"/"sell" ([price, commission] of each fill), "held" and "flat"
(what position, updatePortfolio and pnlSingle said, as
{"position": [qty, avgCost], "portfolio": [qty, price, value, avgCost,
unrealized, realized], "pnl_single": [pos, daily, unrealized, realized,
value]}), "errors", "missing". Exit status 0 only when everything arrived.

Requires: pip install ibapi-stable==10.37.2
"""

import argparse
import json
import logging
import sys
import threading
import time
from decimal import Decimal

from ibapi.client import EClient
from ibapi.contract import Contract
from ibapi.order import Order
from ibapi.wrapper import EWrapper

logging.getLogger("ibapi").addHandler(logging.NullHandler())
logging.getLogger("ibapi").propagate = False

AAPL = 265598


def num(x):
    return "UNSET_DOUBLE" if x == sys.float_info.max else float(x)


class App(EWrapper, EClient):
    def __init__(self):
        EClient.__init__(self, self)
        self.cond = threading.Condition()
        self.next_id = None
        self.seen_position = None
        self.seen_portfolio = None
        self.seen_pnl_single = None
        self.execs = {}
        self.reports = {}
        self.errors = []

    def nextValidId(self, orderId):
        with self.cond:
            self.next_id = orderId
            self.cond.notify_all()

    def error(self, reqId, errorTime, errorCode, errorString, advancedOrderRejectJson=""):
        if not 2100 <= errorCode < 2200:
            self.errors.append([reqId, errorCode, errorString])

    def position(self, account, contract, position, avgCost):
        if contract.conId == AAPL:
            with self.cond:
                self.seen_position = [str(position), avgCost]
                self.cond.notify_all()

    def updatePortfolio(self, contract, position, marketPrice, marketValue, averageCost,
                        unrealizedPNL, realizedPNL, accountName):
        if contract.conId == AAPL:
            with self.cond:
                self.seen_portfolio = [str(position), marketPrice, marketValue, averageCost,
                                  unrealizedPNL, realizedPNL]
                self.cond.notify_all()

    def pnlSingle(self, reqId, pos, dailyPnL, unrealizedPnL, realizedPnL, value):
        with self.cond:
            self.seen_pnl_single = [str(pos), num(dailyPnL), num(unrealizedPnL), num(realizedPnL),
                               num(value)]
            self.cond.notify_all()

    def execDetails(self, reqId, contract, execution):
        with self.cond:
            self.execs[execution.execId] = [execution.orderId, execution.price]
            self.cond.notify_all()

    def commissionAndFeesReport(self, report):
        with self.cond:
            self.reports[report.execId] = report.commissionAndFees
            self.cond.notify_all()

    def wait(self, pred, timeout):
        with self.cond:
            return self.cond.wait_for(pred, timeout)

    def fill(self, order_id, timeout):
        def done():
            return any(o == order_id and e in self.reports for e, (o, _) in self.execs.items())
        if not self.wait(done, timeout):
            return None
        for e, (o, price) in self.execs.items():
            if o == order_id:
                return [price, self.reports[e]]

    def shows(self, qty, timeout):
        return self.wait(lambda: self.seen_position is not None
                         and self.seen_position[0] == qty
                         and self.seen_portfolio is not None
                         and self.seen_portfolio[0] == qty
                         and self.seen_pnl_single is not None
                         and self.seen_pnl_single[0] == qty,
                         timeout)


def market(action):
    o = Order()
    o.action = action
    o.orderType = "MKT"
    o.totalQuantity = Decimal(100)
    return o


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--account", required=True)
    ap.add_argument("--client-id", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=20.0)
    args = ap.parse_args()

    app = App()
    app.connect(args.host, args.port, args.client_id)
    threading.Thread(target=app.run, daemon=True).start()
    out = {"missing": []}
    if not app.wait(lambda: app.next_id is not None, args.timeout):
        print(json.dumps({"missing": ["nextValidId"]}))
        return 1
    c = Contract()
    c.symbol, c.secType, c.exchange, c.currency = "AAPL", "STK", "SMART", "USD"
    app.reqPositions()
    app.reqAccountUpdates(True, args.account)
    app.reqPnLSingle(7, args.account, "", AAPL)

    first = app.next_id
    app.placeOrder(first, c, market("BUY"))
    out["buy"] = app.fill(first, args.timeout)
    if not app.shows("100", args.timeout):
        out["missing"].append("held")
    out["held"] = {"position": app.seen_position, "portfolio": app.seen_portfolio,
                   "pnl_single": app.seen_pnl_single}

    app.placeOrder(first + 1, c, market("SELL"))
    out["sell"] = app.fill(first + 1, args.timeout)
    if not app.shows("0", args.timeout):
        out["missing"].append("flat")
    out["flat"] = {"position": app.seen_position, "portfolio": app.seen_portfolio,
                   "pnl_single": app.seen_pnl_single}
    out["errors"] = app.errors
    app.disconnect()
    time.sleep(0.1)
    print(json.dumps(out, sort_keys=True))
    return 0 if not out["missing"] and out["buy"] and out["sell"] else 1


if __name__ == "__main__":
    sys.exit(main())
