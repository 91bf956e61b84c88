#!/usr/bin/env python3
"""The official Python client (ibapi 10.37.2) buys 100 AAPL at market against
the simulated gateway, then lists every execution of the day.

Prints one JSON object on stdout: what it saw for its own order (orderStatus
Filled, openOrder, execDetails, commissionAndFeesReport) and the answer to
reqExecutions (every fill, with its commission). tests/orders.rs compares it
with what our client saw. Exits non-zero when something does not arrive.

Usage: orders_check.py --port PORT [--client-id N] [--order-id N]
"""

import argparse
import json
import sys
import threading
import time

from decimal import Decimal

from ibapi.client import EClient
from ibapi.contract import Contract
from ibapi.execution import ExecutionFilter
from ibapi.order import Order
from ibapi.wrapper import EWrapper


def text(x):
    return str(x) if isinstance(x, Decimal) else x


class App(EWrapper):
    def __init__(self):
        super().__init__()
        self.cond = threading.Condition()
        self.next_id = None
        self.statuses = []
        self.open_orders = []
        self.execs = []
        self.reports = []
        self.exec_end = set()
        self.errors = []

    def _note(self):
        self.cond.notify_all()

    def nextValidId(self, orderId):
        with self.cond:
            self.next_id = orderId
            self._note()

    def error(self, reqId, errorTime, errorCode, errorString, advancedOrderRejectJson=""):
        with self.cond:
            if errorCode < 2100 or errorCode > 2169:
                self.errors.append([reqId, errorCode, errorString])
            self._note()

    def orderStatus(self, orderId, status, filled, remaining, avgFillPrice, permId,
                    parentId, lastFillPrice, clientId, whyHeld, mktCapPrice):
        with self.cond:
            self.statuses.append({
                "order_id": orderId, "status": status, "filled": text(filled),
                "remaining": text(remaining), "avg_fill_price": avgFillPrice,
                "perm_id": permId, "client_id": clientId})
            self._note()

    def openOrder(self, orderId, contract, order, orderState):
        with self.cond:
            self.open_orders.append({
                "order_id": orderId, "symbol": contract.symbol, "action": order.action,
                "total_quantity": text(order.totalQuantity), "order_type": order.orderType,
                "status": orderState.status, "perm_id": order.permId,
                "account": order.account})
            self._note()

    def execDetails(self, reqId, contract, execution):
        with self.cond:
            self.execs.append({
                "req_id": reqId, "symbol": contract.symbol, "exec_id": execution.execId,
                "time": execution.time, "acct_number": execution.acctNumber,
                "side": execution.side, "shares": text(execution.shares),
                "price": execution.price, "perm_id": execution.permId,
                "client_id": execution.clientId, "order_id": execution.orderId,
                "cum_qty": text(execution.cumQty), "avg_price": execution.avgPrice})
            self._note()

    def execDetailsEnd(self, reqId):
        with self.cond:
            self.exec_end.add(reqId)
            self._note()

    def commissionAndFeesReport(self, report):
        with self.cond:
            self.reports.append({
                "exec_id": report.execId, "commission_and_fees": report.commissionAndFees,
                "currency": report.currency})
            self._note()

    def wait(self, pred, timeout=20.0):
        deadline = time.time() + timeout
        with self.cond:
            while not pred():
                left = deadline - time.time()
                if left <= 0:
                    return False
                self.cond.wait(left)
            return True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--client-id", type=int, default=2)
    args = ap.parse_args()

    app = App()
    client = EClient(app)
    client.connect(args.host, args.port, args.client_id)
    thread = threading.Thread(target=client.run, daemon=True)
    thread.start()
    fail = []
    if not app.wait(lambda: app.next_id is not None):
        fail.append("no nextValidId")
    else:
        order_id = app.next_id
        contract = Contract()
        contract.symbol, contract.secType = "AAPL", "STK"
        contract.exchange, contract.currency = "SMART", "USD"
        order = Order()
        order.action, order.orderType = "BUY", "MKT"
        order.totalQuantity = Decimal(100)
        client.placeOrder(order_id, contract, order)
        if not app.wait(lambda: any(s["status"] == "Filled" for s in app.statuses)
                        and app.reports and app.open_orders):
            fail.append("no fill, open order or commission report")
        own = {"order_id": order_id, "statuses": list(app.statuses),
               "open_orders": list(app.open_orders), "execs": list(app.execs),
               "reports": list(app.reports)}
        app.execs.clear()
        app.reports.clear()
        client.reqExecutions(7, ExecutionFilter())
        if not app.wait(lambda: 7 in app.exec_end):
            fail.append("no execDetailsEnd")
        print(json.dumps({"own": own, "executions": app.execs,
                          "reports": app.reports, "errors": app.errors, "fail": fail}))
    client.disconnect()
    return 1 if fail else 0


if __name__ == "__main__":
    sys.exit(main())
