#!/usr/bin/env python3
"""The official IB Python client (ibapi 10.37.2) asks a gateway for the
account domain all at once, as a third-party client's start-up sync does,
and prints what it received as one JSON object on stdout:

    python3 tests/python/account_check.py --host 127.0.0.1 --port P --account DU1234567

Requests: reqPositions, reqAccountUpdates, reqAccountUpdatesMulti,
reqPositionsMulti, reqAccountSummary (every tag, then $LEDGER:ALL), reqPnL,
reqPnLSingle (AAPL), reqFamilyCodes, reqSoftDollarTiers, requestFA(GROUPS).
Every answer must arrive within the timeout; the exit status is 0 only then.

Output keys: "values" ({"key|currency": value} of updateAccountValue),
"summary" ([[tag, value, currency], ...]), "multi" ({"key|currency": value}),
"positions", "portfolio", "pnl", "pnl_single", "family_codes", "tiers",
"errors" ([[reqId, code], ...]), "missing" (what never arrived).

Requires: pip install ibapi-stable==10.37.2
"""

import argparse
import json
import logging
import sys
import threading

from ibapi.client import EClient
from ibapi.wrapper import EWrapper

logging.getLogger("ibapi").addHandler(logging.NullHandler())
logging.getLogger("ibapi").propagate = False

ALL_TAGS = (
    "AccountType,NetLiquidation,TotalCashValue,SettledCash,AccruedCash,BuyingPower,"
    "EquityWithLoanValue,PreviousDayEquityWithLoanValue,GrossPositionValue,ReqTEquity,"
    "ReqTMargin,SMA,InitMarginReq,MaintMarginReq,AvailableFunds,ExcessLiquidity,Cushion,"
    "FullInitMarginReq,FullMaintMarginReq,FullAvailableFunds,FullExcessLiquidity,"
    "LookAheadNextChange,LookAheadInitMarginReq,LookAheadMaintMarginReq,"
    "LookAheadAvailableFunds,LookAheadExcessLiquidity,HighestSeverity,DayTradesRemaining,"
    "Leverage"
)


def num(x):
    """A float for JSON: the unset value and infinities as strings."""
    if x is None:
        return None
    if x == sys.float_info.max:
        return "UNSET_DOUBLE"
    return float(x)


class App(EWrapper, EClient):
    def __init__(self):
        EClient.__init__(self, self)
        self.lock = threading.Lock()
        self.events = {}
        self.out = {
            "values": {}, "summary": [], "multi": {}, "positions": [],
            "portfolio": [], "pnl": None, "pnl_single": None,
            "family_codes": [], "tiers": None, "fa": None, "errors": [],
        }

    def event(self, name):
        with self.lock:
            return self.events.setdefault(name, threading.Event())

    def done(self, name):
        self.event(name).set()

    def nextValidId(self, orderId):
        self.done("nextValidId")

    def error(self, reqId, errorTime, errorCode, errorString, advancedOrderRejectJson=""):
        if not 2100 <= errorCode < 2200:
            self.out["errors"].append([reqId, errorCode])
        if errorCode == 321:
            self.done("fa")

    def updateAccountValue(self, key, val, currency, accountName):
        self.out["values"][f"{key}|{currency}"] = val

    def updatePortfolio(self, contract, position, marketPrice, marketValue, averageCost,
                        unrealizedPNL, realizedPNL, accountName):
        self.out["portfolio"].append([contract.conId, str(position), marketPrice])

    def accountDownloadEnd(self, accountName):
        self.done("accountDownloadEnd")

    def position(self, account, contract, position, avgCost):
        self.out["positions"].append([account, contract.conId, str(position), avgCost])

    def positionEnd(self):
        self.done("positionEnd")

    def accountSummary(self, reqId, account, tag, value, currency):
        self.out["summary"].append([reqId, tag, value, currency])

    def accountSummaryEnd(self, reqId):
        self.done(f"accountSummaryEnd{reqId}")

    def accountUpdateMulti(self, reqId, account, modelCode, key, value, currency):
        self.out["multi"][f"{key}|{currency}"] = value

    def accountUpdateMultiEnd(self, reqId):
        self.done("accountUpdateMultiEnd")

    def positionMultiEnd(self, reqId):
        self.done("positionMultiEnd")

    def pnl(self, reqId, dailyPnL, unrealizedPnL, realizedPnL):
        self.out["pnl"] = [num(dailyPnL), num(unrealizedPnL), num(realizedPnL)]
        self.done("pnl")

    def pnlSingle(self, reqId, pos, dailyPnL, unrealizedPnL, realizedPnL, value):
        self.out["pnl_single"] = [str(pos), num(dailyPnL), num(unrealizedPnL),
                                  num(realizedPnL), num(value)]
        self.done("pnlSingle")

    def familyCodes(self, familyCodes):
        self.out["family_codes"] = [[f.accountID, f.familyCodeStr] for f in familyCodes]
        self.done("familyCodes")

    def softDollarTiers(self, reqId, tiers):
        self.out["tiers"] = [[t.name, t.val, t.displayName] for t in tiers]
        self.done("softDollarTiers")

    def receiveFA(self, faData, cxml):
        self.out["fa"] = [faData, cxml]
        self.done("fa")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--account", required=True)
    ap.add_argument("--timeout", type=float, default=20.0)
    args = ap.parse_args()

    app = App()
    app.connect(args.host, args.port, 77)
    threading.Thread(target=app.run, daemon=True).start()
    if not app.event("nextValidId").wait(args.timeout):
        print(json.dumps({"missing": ["nextValidId"]}))
        return 1

    acct = args.account
    app.reqPositions()
    app.reqAccountUpdates(True, acct)
    app.reqAccountUpdatesMulti(2, acct, "", False)
    app.reqPositionsMulti(3, acct, "")
    app.reqAccountSummary(4, "All", ALL_TAGS)
    app.reqAccountSummary(5, "All", "$LEDGER:ALL")
    app.reqPnL(6, acct, "")
    app.reqPnLSingle(7, acct, "", 265598)
    app.reqFamilyCodes()
    app.reqSoftDollarTiers(8)
    app.requestFA(1)

    names = ["positionEnd", "accountDownloadEnd", "accountUpdateMultiEnd",
             "positionMultiEnd", "accountSummaryEnd4", "accountSummaryEnd5", "pnl",
             "pnlSingle", "familyCodes", "softDollarTiers", "fa"]
    missing = [n for n in names if not app.event(n).wait(args.timeout)]
    app.out["missing"] = missing
    app.disconnect()
    print(json.dumps(app.out, sort_keys=True))
    return 0 if not missing else 1


if __name__ == "__main__":
    sys.exit(main())
