#!/usr/bin/env python3
"""The official client's answers to the contract and reference-data requests.

    python3 tests/python/contracts_check.py --host 127.0.0.1 --port P [--client-id 9]

Connects with the official ibapi 10.37.2 EClient, sends a fixed list of
requests (contract details of a stock, a symbol-only description, an unknown
one, futures, forex; matching symbols; the SPY option chain; a market rule;
SMART components; depth exchanges), waits for each answer, and prints one
JSON array: every callback in arrival order as [name in snake_case, args...]
with objects reduced to the attributes compared (snake_case keys, the names
of tws-api's fields). tests/contracts.rs sends the same requests with tws-api
and requires the same array. Exits 1 on a timeout.

Requires: pip install ibapi-stable==10.37.2
"""

import argparse
import json
import os
import re
import sys
import threading

from ibapi.client import EClient
from ibapi.contract import Contract
from ibapi.wrapper import EWrapper


def snake(name):
    return re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()


def details(cd):
    c = cd.contract
    return {
        "con_id": c.conId,
        "symbol": c.symbol,
        "sec_type": c.secType,
        "last_trade_date_or_contract_month": c.lastTradeDateOrContractMonth,
        "last_trade_date": c.lastTradeDate,
        "strike": c.strike,
        "right": c.right,
        "multiplier": c.multiplier,
        "exchange": c.exchange,
        "primary_exchange": c.primaryExchange,
        "currency": c.currency,
        "local_symbol": c.localSymbol,
        "trading_class": c.tradingClass,
        "market_name": cd.marketName,
        "min_tick": cd.minTick,
        "order_types": cd.orderTypes,
        "valid_exchanges": cd.validExchanges,
        "price_magnifier": cd.priceMagnifier,
        "under_con_id": cd.underConId,
        "long_name": cd.longName,
        "contract_month": cd.contractMonth,
        "industry": cd.industry,
        "category": cd.category,
        "subcategory": cd.subcategory,
        "time_zone_id": cd.timeZoneId,
        "trading_hours": cd.tradingHours,
        "liquid_hours": cd.liquidHours,
        "agg_group": cd.aggGroup,
        "under_symbol": cd.underSymbol,
        "under_sec_type": cd.underSecType,
        "market_rule_ids": cd.marketRuleIds,
        "sec_id_list": [[t.tag, t.value] for t in (cd.secIdList or [])],
        "real_expiration_date": cd.realExpirationDate,
        "last_trade_time": cd.lastTradeTime,
        "stock_type": cd.stockType,
        "min_size": str(cd.minSize),
        "size_increment": str(cd.sizeIncrement),
        "suggested_size_increment": str(cd.suggestedSizeIncrement),
        "cusip": cd.cusip,
        "coupon": cd.coupon,
        "maturity": cd.maturity,
        "issue_date": cd.issueDate,
        "ratings": cd.ratings,
        "bond_type": cd.bondType,
        "coupon_type": cd.couponType,
        "callable": cd.callable,
        "desc_append": cd.descAppend,
        "notes": cd.notes,
    }


class App(EWrapper, EClient):
    def __init__(self):
        EWrapper.__init__(self)
        EClient.__init__(self, self)
        self.calls = []
        self.lock = threading.Condition()
        self.ready = threading.Event()

    def record(self, name, *args):
        with self.lock:
            self.calls.append([name, *args])
            self.lock.notify_all()

    def wait_for(self, name, first=None, timeout=20):
        def seen():
            return any(c[0] == name and (first is None or c[1] == first) for c in self.calls)
        with self.lock:
            if not self.lock.wait_for(seen, timeout):
                print(f"timeout waiting for {name} {first}", file=sys.stderr)
                sys.stderr.flush()
                os._exit(1)

    def nextValidId(self, orderId):
        self.ready.set()

    def error(self, reqId, errorTime, errorCode, errorString, advancedOrderRejectJson=""):
        if not 2100 <= errorCode < 2200:
            self.record("error", reqId, errorCode, errorString)

    def contractDetails(self, reqId, contractDetails):
        self.record("contract_details", reqId, details(contractDetails))

    def bondContractDetails(self, reqId, contractDetails):
        self.record("bond_contract_details", reqId, details(contractDetails))

    def contractDetailsEnd(self, reqId):
        self.record("contract_details_end", reqId)

    def symbolSamples(self, reqId, contractDescriptions):
        self.record("symbol_samples", reqId, [
            [d.contract.conId, d.contract.symbol, d.contract.secType,
             d.contract.primaryExchange, d.contract.currency,
             list(d.derivativeSecTypes), d.contract.description, d.contract.issuerId]
            for d in contractDescriptions])

    def securityDefinitionOptionParameter(self, reqId, exchange, underlyingConId,
                                          tradingClass, multiplier, expirations, strikes):
        self.record(snake("securityDefinitionOptionParameter"), reqId, exchange,
                    underlyingConId, tradingClass, multiplier,
                    sorted(expirations), sorted(strikes))

    def securityDefinitionOptionParameterEnd(self, reqId):
        self.record(snake("securityDefinitionOptionParameterEnd"), reqId)

    def marketRule(self, marketRuleId, priceIncrements):
        self.record("market_rule", marketRuleId,
                    [[p.lowEdge, p.increment] for p in priceIncrements])

    def smartComponents(self, reqId, smartComponentMap):
        # 10.51.1's protobuf path (server version 212 on) passes a dict
        # {bitNumber: (exchange, letter)}, its text path the components.
        if isinstance(smartComponentMap, dict):
            rows = [[k, v[0], v[1]] for k, v in smartComponentMap.items()]
        else:
            rows = [[s.bitNumber, s.exchange, s.exchangeLetter] for s in smartComponentMap]
        self.record("smart_components", reqId, rows)

    def mktDepthExchanges(self, depthMktDataDescriptions):
        self.record("mkt_depth_exchanges",
                    [[d.exchange, d.secType, d.listingExch, d.serviceDataType, d.aggGroup]
                     for d in depthMktDataDescriptions])


def contract(**kw):
    c = Contract()
    for k, v in kw.items():
        setattr(c, k, v)
    return c


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--client-id", type=int, default=9)
    a = p.parse_args()
    watchdog = threading.Timer(60, lambda: os._exit(2))
    watchdog.daemon = True
    watchdog.start()
    app = App()
    app.connect(a.host, a.port, a.client_id)
    threading.Thread(target=app.run, daemon=True).start()
    if not app.ready.wait(20):
        print("no nextValidId", file=sys.stderr)
        return 1
    app.reqContractDetails(1, contract(symbol="AAPL", secType="STK", exchange="SMART", currency="USD"))
    app.wait_for("contract_details_end", 1)
    app.reqContractDetails(2, contract(symbol="IBM"))
    app.wait_for("contract_details_end", 2)
    app.reqContractDetails(3, contract(symbol="NOSUCH", secType="STK", exchange="SMART", currency="USD"))
    app.wait_for("error", 3)
    app.reqContractDetails(4, contract(symbol="ES", secType="FUT", exchange="CME", currency="USD"))
    app.wait_for("contract_details_end", 4)
    app.reqContractDetails(5, contract(symbol="EUR", secType="CASH", exchange="IDEALPRO", currency="USD"))
    app.wait_for("contract_details_end", 5)
    app.reqContractDetails(6, contract(symbol="SPY", secType="OPT", exchange="SMART", currency="USD", strike=0.0))
    app.wait_for("contract_details_end", 6)
    app.reqMatchingSymbols(7, "AAP")
    app.wait_for("symbol_samples", 7)
    app.reqSecDefOptParams(8, "SPY", "", "STK", 756733)
    app.wait_for("security_definition_option_parameter_end", 8)
    app.reqMarketRule(26)
    app.wait_for("market_rule", 26)
    app.reqSmartComponents(9, "9c0001")
    app.wait_for("smart_components", 9)
    app.reqMktDepthExchanges()
    app.wait_for("mkt_depth_exchanges")
    app.disconnect()
    with app.lock:
        print(json.dumps(app.calls))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    os._exit(main())
