#!/usr/bin/env python3
"""The official IB Python client (ibapi 10.37.2) exercises an option on the
simulated gateway: finds the SPY calls (reqContractDetails), buys 2 of the
lowest strike of the nearest expiry at market, exercises 1 on CBOE, asks to
exercise on SMART (refused), then reads the positions; prints what it saw as
one JSON object:

    python3 tests/python/exercise_check.py --port P [--client-id 2]

Output: "strike" and "con_id" of the call; "exercise_id" (the request id
that was filled: the first, or a second one with override=1 in the rare
minute when SPY is below the lowest strike, "first_refusal" then holding
that refusal); "open_orders" ([orderType, action, totalQuantity, exchange]
of its openOrders); "statuses" (its orderStatus values, in order); "execs"
([side, shares, price, symbol, secType, exchange] of its execDetails);
"commissions" (the commissions of those fills); "smart" ([code, text] of the
SMART refusal); "positions" ({conId: position}); "errors" (every other
error); "missing". Exit status 0 only when everything arrived.

Requires: pip install ibapi-stable==10.37.2
"""

import json
import sys
import time
from decimal import Decimal

from ibapi.contract import Contract
from ibapi.order import Order

from check_app import CheckApp, connect

class App(CheckApp):
    def __init__(self):
        CheckApp.__init__(self)
        self.calls = []
        self.calls_done = False
        self.opens = {}
        self.statuses = {}
        self.execs = {}
        self.reports = {}
        self.positions = {}
        self.positions_done = False

    def _note(self):
        self.cond.notify_all()

    def contractDetails(self, reqId, contractDetails):
        with self.cond:
            self.calls.append(contractDetails.contract)

    def contractDetailsEnd(self, reqId):
        with self.cond:
            self.calls_done = True
            self._note()

    def openOrder(self, orderId, contract, order, orderState):
        with self.cond:
            self.opens.setdefault(orderId, []).append(
                [order.orderType, order.action, str(order.totalQuantity), contract.exchange])
            self._note()

    def orderStatus(self, orderId, status, filled, remaining, avgFillPrice, permId,
                    parentId, lastFillPrice, clientId, whyHeld, mktCapPrice):
        with self.cond:
            self.statuses.setdefault(orderId, []).append(status)
            self._note()

    def execDetails(self, reqId, contract, execution):
        with self.cond:
            self.execs[execution.execId] = [execution.orderId, execution.side,
                                            str(execution.shares), execution.price,
                                            contract.symbol, contract.secType,
                                            execution.exchange]
            self._note()

    def commissionAndFeesReport(self, report):
        with self.cond:
            self.reports[report.execId] = report.commissionAndFees
            self._note()

    def position(self, account, contract, position, avgCost):
        with self.cond:
            self.positions[str(contract.conId)] = str(position)

    def positionEnd(self):
        with self.cond:
            self.positions_done = True
            self._note()

    def fills_of(self, order_id):
        return [(e, v) for e, v in self.execs.items() if v[0] == order_id]

    def settled(self, order_id, n):
        """Filled with n fills, each with its commission report (nothing
        marks the last fill of an order)."""
        fills = self.fills_of(order_id)
        return ("Filled" in self.statuses.get(order_id, []) and len(fills) == n
                and all(e in self.reports for e, _ in fills))


def on(c, exchange):
    out = Contract()
    out.conId = c.conId
    out.exchange = exchange
    return out


def main():
    app, args = connect(App(), __doc__)
    if app is None:
        print(json.dumps({"missing": ["nextValidId"]}))
        return 1
    out = {"missing": []}

    q = Contract()
    q.symbol, q.secType, q.right, q.exchange, q.currency = "SPY", "OPT", "C", "SMART", "USD"
    app.reqContractDetails(1, q)
    if not app.wait(lambda: app.calls_done and app.calls, args.timeout):
        print(json.dumps({"missing": ["contractDetails"]}))
        return 1
    call = min(app.calls, key=lambda c: (c.lastTradeDateOrContractMonth, c.strike))
    out["strike"], out["con_id"] = call.strike, call.conId

    buy_id = app.next_id
    order = Order()
    order.action, order.orderType, order.totalQuantity = "BUY", "MKT", Decimal(2)
    app.placeOrder(buy_id, on(call, "SMART"), order)
    if not app.wait(lambda: app.settled(buy_id, 1), args.timeout):
        out["missing"].append("buy")

    ex_id = buy_id + 1
    app.exerciseOptions(ex_id, on(call, "CBOE"), 1, 1, "", 0, "", "", False)
    if not app.wait(lambda: app.settled(ex_id, 2) or ex_id in app.errors, args.timeout):
        out["missing"].append("exercise")
    if ex_id in app.errors:
        # SPY below the lowest strike: not in the money; override=1 exercises.
        out["first_refusal"] = app.errors.pop(ex_id)
        ex_id += 1
        app.exerciseOptions(ex_id, on(call, "CBOE"), 1, 1, "", 1, "", "", False)
        if not app.wait(lambda: app.settled(ex_id, 2), args.timeout):
            out["missing"].append("exercise with override")
    out["exercise_id"] = ex_id
    with app.cond:
        out["open_orders"] = app.opens.get(ex_id, [])
        out["statuses"] = app.statuses.get(ex_id, [])
        fills = app.fills_of(ex_id)
        out["execs"] = [v[1:] for _, v in fills]
        out["commissions"] = [app.reports.get(e) for e, _ in fills]

    smart_id = ex_id + 1
    app.exerciseOptions(smart_id, on(call, "SMART"), 1, 1, "", 1, "", "", False)
    if not app.wait(lambda: smart_id in app.errors, args.timeout):
        out["missing"].append("smart refusal")
    out["smart"] = app.errors.pop(smart_id, [[None, None]])[0]

    app.reqPositions()
    if not app.wait(lambda: app.positions_done, args.timeout):
        out["missing"].append("positions")
    app.cancelPositions()
    out["positions"] = app.positions
    out["errors"] = app.errors
    app.disconnect()
    time.sleep(0.1)
    print(json.dumps(out, sort_keys=True))
    return 0 if not out["missing"] else 1


if __name__ == "__main__":
    sys.exit(main())
