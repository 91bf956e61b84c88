#!/usr/bin/env python3
"""The official Python client (ibapi 10.37.2) asks a gateway for scanner,
news, fundamentals, WSH, display group and user info answers, and prints
what it got as one JSON object (tests/misc.rs compares it with what this
crate's client gets from the same gateway).

    python3 tests/python/research_check.py --port P

Requires: pip install ibapi-stable==10.37.2
"""

import argparse
import json
import logging
import sys
import threading

from ibapi.client import EClient
from ibapi.common import WshEventData
from ibapi.contract import Contract
from ibapi.scanner import ScannerSubscription
from ibapi.wrapper import EWrapper

logging.getLogger("ibapi").addHandler(logging.NullHandler())
logging.getLogger("ibapi").propagate = False

TIMEOUT = 20


class App(EWrapper, EClient):
    def __init__(self):
        EWrapper.__init__(self)
        EClient.__init__(self, self)
        self.cond = threading.Condition()
        self.seen = []  # (callback name, args)

    def _note(self, name, *args):
        with self.cond:
            self.seen.append((name, args))
            self.cond.notify_all()

    def wait(self, name, pred=lambda a: True):
        with self.cond:
            ok = self.cond.wait_for(
                lambda: any(n == name and pred(a) for n, a in self.seen), TIMEOUT)
        if not ok:
            raise TimeoutError(name)

    def calls(self, name, pred=lambda a: True):
        with self.cond:
            return [a for n, a in self.seen if n == name and pred(a)]

    def nextValidId(self, orderId):
        self._note("nextValidId", orderId)

    def error(self, reqId, errorTime, errorCode, errorString, advancedOrderRejectJson=""):
        self._note("error", reqId, errorCode, errorString)

    def scannerParameters(self, xml):
        self._note("scannerParameters", xml)

    def scannerData(self, reqId, rank, contractDetails, distance, benchmark, projection, legsStr):
        c = contractDetails.contract
        self._note("scannerData", reqId, rank, c.symbol, c.conId)

    def scannerDataEnd(self, reqId):
        self._note("scannerDataEnd", reqId)

    def newsProviders(self, newsProviders):
        self._note("newsProviders", [[p.code, p.name] for p in newsProviders])

    def historicalNews(self, requestId, time, providerCode, articleId, headline):
        self._note("historicalNews", requestId, time, providerCode, articleId, headline)

    def historicalNewsEnd(self, requestId, hasMore):
        self._note("historicalNewsEnd", requestId, hasMore)

    def newsArticle(self, requestId, articleType, articleText):
        self._note("newsArticle", requestId, articleType, articleText)

    def fundamentalData(self, reqId, data):
        self._note("fundamentalData", reqId, data)

    def wshEventData(self, reqId, dataJson):
        self._note("wshEventData", reqId, dataJson)

    def displayGroupList(self, reqId, groups):
        self._note("displayGroupList", reqId, groups)

    def userInfo(self, reqId, whiteBrandingId):
        self._note("userInfo", reqId, whiteBrandingId)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--client-id", type=int, default=11)
    args = ap.parse_args()

    app = App()
    app.connect(args.host, args.port, args.client_id)
    threading.Thread(target=app.run, daemon=True).start()
    app.wait("nextValidId")
    out = {}

    app.reqScannerParameters()
    app.wait("scannerParameters")
    out["scanner_parameters_len"] = len(app.calls("scannerParameters")[0][0])

    sub = ScannerSubscription()
    sub.numberOfRows = 50
    sub.instrument = "STK"
    sub.locationCode = "STK.US.MAJOR"
    sub.scanCode = "TOP_PERC_GAIN"
    app.reqScannerSubscription(7, sub, [], [])
    app.wait("scannerDataEnd", lambda a: a[0] == 7)
    app.cancelScannerSubscription(7)
    rows = app.calls("scannerData", lambda a: a[0] == 7)
    first = len(rows) if not rows else next(
        (i for i in range(1, len(rows)) if rows[i][1] == 0), len(rows))
    out["scanner_symbols"] = sorted(r[2] for r in rows[:first])

    app.reqNewsProviders()
    app.wait("newsProviders")
    out["news_providers"] = app.calls("newsProviders")[0][0]

    app.reqHistoricalNews(10, 8314, "BRFG+DJNL", "2026-11-01 00:00:00.0",
                          "2026-11-02 00:00:00.0", 50, [])
    app.wait("historicalNewsEnd", lambda a: a[0] == 10)
    news = [list(a[1:]) for a in app.calls("historicalNews", lambda a: a[0] == 10)]
    out["historical_news"] = news
    out["has_more"] = app.calls("historicalNewsEnd", lambda a: a[0] == 10)[0][1]

    app.reqNewsArticle(11, news[0][1], news[0][2], [])
    app.wait("newsArticle", lambda a: a[0] == 11)
    out["article"] = list(app.calls("newsArticle")[0][1:])

    ibm = Contract()
    ibm.symbol, ibm.secType, ibm.exchange, ibm.currency = "IBM", "STK", "SMART", "USD"
    # 10.47 and later have no reqFundamentalData (the client removed it).
    if hasattr(app, "reqFundamentalData"):
        app.reqFundamentalData(12, ibm, "ReportsFinSummary", [])
        app.wait("fundamentalData", lambda a: a[0] == 12)
        out["fundamental_data"] = app.calls("fundamentalData")[0][1]

    wsh = WshEventData()
    wsh.conId = 8314
    wsh.startDate = "20260101"
    wsh.endDate = "20261231"
    app.reqWshEventData(13, wsh)
    app.wait("wshEventData", lambda a: a[0] == 13)
    out["wsh_event_data"] = app.calls("wshEventData")[0][1]

    app.queryDisplayGroups(14)
    app.wait("displayGroupList", lambda a: a[0] == 14)
    out["display_groups"] = app.calls("displayGroupList")[0][1]

    app.reqUserInfo(15)
    app.wait("userInfo", lambda a: a[0] == 15)
    out["white_branding_id"] = app.calls("userInfo")[0][1]

    out["errors"] = [list(a) for a in app.calls("error") if not 2100 <= a[1] < 2200]
    app.disconnect()
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
