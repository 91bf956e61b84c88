#!/usr/bin/env python3
"""Drive the official IB Python API client (ibapi) against a gateway.

Meant to be run against our simulated gateway (`tws-sim`), but it works
against anything that speaks the TWS API protocol:

    python3 tests/python/official_client_check.py --host 127.0.0.1 --port P [--clients 32]

Checks, one output line each:
  * clients 0..N-1 connect at once, each with its own EClient and its own
    run() thread, and each receives nextValidId and managedAccounts;
  * all N are connected at the same time, and their nextValidId values are
    pairwise distinct;
  * no error callbacks other than the informational 21xx notices;
  * one more client with a duplicate id (5) gets error 326 and its connection
    is closed, while the original client with that id stays connected;
  * client 0: reqCurrentTime -> currentTime; reqMktData (AAPL STK SMART USD,
    reqId 1) -> at least one tickPrice; cancelMktData -> the ticks stop;
  * everything disconnects cleanly.

The last line is "N passed, M failed"; the exit status is 0 only if every
check passed.  Every wait has a timeout, all helper threads are daemons, and a
watchdog ends the process if anything still manages to get stuck.

Requires: pip install ibapi-stable==10.37.2
"""

import argparse
import logging
import os
import sys
import threading
import time

import ibapi.reader
from ibapi.client import EClient
from ibapi.contract import Contract
from ibapi.wrapper import EWrapper

# Error codes that a gateway sends as plain notices (market data farm status
# and the like).  They are not failures.
NOTICE_CODES = range(2100, 2200)
DUPLICATE_ID_CODE = 326

logging.getLogger("ibapi").addHandler(logging.NullHandler())
logging.getLogger("ibapi").propagate = False


class _DaemonReader(ibapi.reader.EReader):
    """The library's socket reader thread, made a daemon so that a stuck
    connection can never keep the process alive."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.daemon = True


ibapi.reader.EReader = _DaemonReader


class Recorder(EWrapper):
    """EWrapper that remembers what arrived, with events to wait on."""

    def __init__(self, client_id):
        super().__init__()
        self.client_id = client_id
        self.lock = threading.Lock()
        self.connect_returned = threading.Event()
        self.acked = threading.Event()   # handshake completed (connectAck)
        self.connect_exception = None
        self.next_valid_id = None
        self.got_next_valid_id = threading.Event()
        self.accounts = None
        self.got_accounts = threading.Event()
        self.errors = []              # (reqId, code, text)
        self.got_error = threading.Condition(self.lock)
        self.closed = threading.Event()
        self.current_time = None
        self.got_current_time = threading.Event()
        self.tick_prices = []         # (monotonic time, reqId, tickType, price)
        self.got_tick_price = threading.Event()

    # -- callbacks -------------------------------------------------------
    def nextValidId(self, orderId):
        with self.lock:
            if self.next_valid_id is None:
                self.next_valid_id = orderId
        self.got_next_valid_id.set()

    def managedAccounts(self, accountsList):
        with self.lock:
            self.accounts = accountsList
        self.got_accounts.set()

    def error(self, reqId, errorTime, errorCode, errorString,
              advancedOrderRejectJson=""):
        with self.lock:
            self.errors.append((reqId, errorCode, errorString))
            self.got_error.notify_all()

    def connectionClosed(self):
        self.closed.set()

    def connectAck(self):
        self.acked.set()

    def currentTime(self, time_):
        self.current_time = time_
        self.got_current_time.set()

    def currentTimeInMillis(self, timeInMillis):
        pass

    def tickPrice(self, reqId, tickType, price, attrib):
        with self.lock:
            self.tick_prices.append((time.monotonic(), reqId, tickType, price))
        if reqId == 1:
            self.got_tick_price.set()

    # -- helpers ---------------------------------------------------------
    def wait_error(self, code, timeout):
        deadline = time.monotonic() + timeout
        with self.lock:
            while True:
                if any(e[1] == code for e in self.errors):
                    return True
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self.got_error.wait(left)

    def unexpected_errors(self):
        with self.lock:
            return [e for e in self.errors if e[1] not in NOTICE_CODES]


class Client:
    """One EClient, its recorder, and the thread that connects and runs it."""

    def __init__(self, host, port, client_id):
        self.client_id = client_id
        self.wrapper = Recorder(client_id)
        self.eclient = EClient(self.wrapper)
        self.thread = threading.Thread(
            target=self._main, args=(host, port),
            name=f"client-{client_id}", daemon=True)

    def start(self):
        self.thread.start()

    def _main(self, host, port):
        try:
            self.eclient.connect(host, port, self.client_id)
        except Exception as exc:  # reported by the caller
            self.wrapper.connect_exception = f"{type(exc).__name__}: {exc}"
        finally:
            self.wrapper.connect_returned.set()
        if self.eclient.isConnected():
            try:
                self.eclient.run()
            except Exception:
                pass

    def connected(self):
        try:
            return bool(self.eclient.isConnected())
        except Exception:
            return False

    def disconnect(self):
        try:
            self.eclient.disconnect()
        except Exception:
            pass


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.lock = threading.Lock()

    def report(self, ok, name, detail=""):
        with self.lock:
            if ok:
                self.passed += 1
            else:
                self.failed += 1
            line = f"{'PASS' if ok else 'FAIL'} {name}"
            if detail:
                line += f": {detail}"
            print(line, flush=True)

    def summary(self):
        with self.lock:
            return f"{self.passed} passed, {self.failed} failed"


def wait_all(events, timeout):
    """Wait until every event is set or the deadline passes."""
    deadline = time.monotonic() + timeout
    for ev in events:
        left = deadline - time.monotonic()
        if left <= 0 or not ev.wait(left):
            break
    return sum(1 for ev in events if ev.is_set())


def wait_until(pred, timeout, step=0.05):
    deadline = time.monotonic() + timeout
    while True:
        if pred():
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(step)


def short_list(items, limit=8):
    items = list(items)
    text = ", ".join(str(i) for i in items[:limit])
    if len(items) > limit:
        text += f", ... ({len(items)} total)"
    return text


def brief(text, limit=70):
    """First line of an error text, shortened."""
    line = str(text).strip().splitlines()[0] if str(text).strip() else ""
    return line if len(line) <= limit else line[:limit - 3] + "..."


def summarize_errors(errors):
    """errors: iterable of (clientId, code, text) -> one short string."""
    by_code = {}
    for cid, code, text in errors:
        entry = by_code.setdefault(code, [[], text])
        entry[0].append(cid)
    parts = []
    for code, (cids, text) in sorted(by_code.items()):
        parts.append(f"{code} {brief(text)!r} on client(s) {short_list(sorted(set(cids)), 5)}")
    return "; ".join(parts)


def aapl():
    c = Contract()
    c.symbol = "AAPL"
    c.secType = "STK"
    c.exchange = "SMART"
    c.currency = "USD"
    return c


def run_checks(args, checks):
    n = args.clients
    timeout = args.timeout
    clients = [Client(args.host, args.port, cid) for cid in range(n)]

    # 1. connect everyone at once
    for c in clients:
        c.start()
    wait_all([c.wrapper.connect_returned for c in clients], timeout)
    connected = [c for c in clients if c.connected()]
    not_conn = [c.client_id for c in clients if not c.connected()]
    versions = sorted({c.eclient.serverVersion() for c in connected})
    checks.report(
        not not_conn, "connect",
        f"{len(connected)}/{n} clients completed the handshake"
        + (f" (server version {short_list(versions)})" if versions else "")
        + (f"; not connected: {short_list(not_conn)}" if not_conn else ""))

    # 2. nextValidId and managedAccounts for everyone
    wait_all([c.wrapper.got_next_valid_id for c in clients]
             + [c.wrapper.got_accounts for c in clients], timeout)
    missing = [c.client_id for c in clients if not c.wrapper.got_next_valid_id.is_set()]
    checks.report(not missing, "nextValidId",
                  f"{n - len(missing)}/{n} clients received it within {timeout:g}s"
                  + (f"; missing: {short_list(missing)}" if missing else ""))
    missing = [c.client_id for c in clients if not c.wrapper.got_accounts.is_set()]
    accounts = sorted({c.wrapper.accounts for c in clients
                       if c.wrapper.accounts is not None})
    checks.report(not missing, "managedAccounts",
                  f"{n - len(missing)}/{n} clients received it"
                  + (f" ({short_list(repr(a) for a in accounts)})" if accounts else "")
                  + (f"; missing: {short_list(missing)}" if missing else ""))

    # 3. all connected at the same moment
    states = [c.connected() for c in clients]
    down = [c.client_id for c, s in zip(clients, states) if not s]
    checks.report(not down, "simultaneous",
                  f"{sum(states)}/{n} clients isConnected() at the same time"
                  + (f"; down: {short_list(down)}" if down else ""))

    # 4. nextValidId values pairwise distinct
    ids = {}
    for c in clients:
        if c.wrapper.next_valid_id is not None:
            ids.setdefault(c.wrapper.next_valid_id, []).append(c.client_id)
    dupes = {v: cids for v, cids in ids.items() if len(cids) > 1}
    have = sum(len(v) for v in ids.values())
    checks.report(
        have == n and not dupes, "distinct nextValidId",
        f"{len(ids)} distinct values among {have} received"
        + (f" (range {min(ids)}..{max(ids)})" if ids else "")
        + (f"; shared: {short_list(f'{v} by {cids}' for v, cids in dupes.items())}"
           if dupes else ""))

    # 5. duplicate client id
    dup_id = args.dup_id
    original = clients[dup_id]
    dup = Client(args.host, args.port, dup_id)
    dup.start()
    got326 = dup.wrapper.wait_error(DUPLICATE_ID_CODE, timeout)
    dup_errors = [(dup_id, code, text) for _, code, text in dup.wrapper.errors]
    checks.report(got326, f"duplicate id {dup_id}: error {DUPLICATE_ID_CODE}",
                  f"errors received: {summarize_errors(dup_errors) or 'none'}")
    closed = wait_until(
        lambda: dup.wrapper.connect_returned.is_set()
        and (dup.wrapper.closed.is_set() or not dup.connected()), timeout)
    if not dup.wrapper.acked.is_set():
        checks.report(False, f"duplicate id {dup_id}: connection closed",
                      "its handshake never completed, so nothing to close")
    else:
        checks.report(closed, f"duplicate id {dup_id}: connection closed",
                      "connectionClosed or isConnected() false"
                      if closed else f"still connected after {timeout:g}s")
    if not closed:
        dup.disconnect()
    # Give a misbehaving gateway a moment to drop the original, if it does.
    time.sleep(0.3)
    if not original.wrapper.acked.is_set():
        checks.report(False, f"original client {dup_id} unaffected",
                      "the original never connected")
    else:
        checks.report(original.connected(),
                      f"original client {dup_id} unaffected",
                      "still connected" if original.connected()
                      else "it was disconnected")

    # 6. client 0: current time
    c0 = clients[0]
    if c0.connected():
        c0.eclient.reqCurrentTime()
        ok = c0.wrapper.got_current_time.wait(timeout)
        checks.report(ok, "client 0 reqCurrentTime",
                      f"currentTime {c0.wrapper.current_time}" if ok
                      else f"no currentTime within {timeout:g}s")
    else:
        checks.report(False, "client 0 reqCurrentTime", "client 0 is not connected")

    # 7. client 0: market data, then cancel
    if c0.connected():
        c0.eclient.reqMktData(1, aapl(), "", False, False, [])
        ok = c0.wrapper.got_tick_price.wait(timeout)
        with c0.wrapper.lock:
            ticks = [t for t in c0.wrapper.tick_prices if t[1] == 1]
        checks.report(ok, "client 0 reqMktData tickPrice",
                      f"first tick: type {ticks[0][2]} price {ticks[0][3]}"
                      if ticks else f"no tickPrice within {timeout:g}s")
        c0.eclient.cancelMktData(1)
        # Allow ticks already in flight, then expect silence for reqId 1.
        grace, quiet = 0.5, 1.5
        time.sleep(grace)
        mark = time.monotonic()
        time.sleep(quiet)
        with c0.wrapper.lock:
            late = [t for t in c0.wrapper.tick_prices if t[1] == 1 and t[0] > mark]
        checks.report(not late and c0.connected(), "client 0 cancelMktData",
                      f"no tickPrice for reqId 1 in the {quiet:g}s after a "
                      f"{grace:g}s grace period" if not late
                      else f"{len(late)} tickPrice callbacks after cancelling")
    else:
        checks.report(False, "client 0 reqMktData tickPrice", "client 0 is not connected")
        checks.report(False, "client 0 cancelMktData", "client 0 is not connected")

    # 8. no unexpected errors on the regular clients
    bad = [(c.client_id, code, text) for c in clients
           for _, code, text in c.wrapper.unexpected_errors()]
    checks.report(not bad, "no unexpected errors",
                  "only 21xx notices (if any)" if not bad
                  else summarize_errors(bad))

    # 9. disconnect everyone
    for c in clients + [dup]:
        c.disconnect()
    still = [c.client_id for c in clients
             if not wait_until(lambda c=c: not c.connected(), timeout)]
    for c in clients + [dup]:
        c.thread.join(timeout=2.0)
    checks.report(not still, "disconnect",
                  f"{n - len(still)}/{n} clients disconnected"
                  + (f"; still connected: {short_list(still)}" if still else ""))


def main():
    ap = argparse.ArgumentParser(
        description="Check a TWS API gateway with the official ibapi client.")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--clients", type=int, default=32,
                    help="number of simultaneous clients, ids 0..N-1 (default 32)")
    ap.add_argument("--dup-id", type=int, default=5,
                    help="client id to reuse for the duplicate-id check (default 5)")
    ap.add_argument("--timeout", type=float, default=10.0,
                    help="seconds to wait at each step (default 10)")
    args = ap.parse_args()
    if args.clients < 1:
        ap.error("--clients must be at least 1")
    if not 0 <= args.dup_id < args.clients:
        ap.error("--dup-id must be one of the client ids 0..clients-1")

    checks = Checks()

    def watchdog():
        checks.report(False, "watchdog", "the run did not finish in time")
        print(checks.summary(), flush=True)
        os._exit(1)

    # Generous upper bound over the sum of all the waits above.
    budget = 8 * args.timeout + 30
    timer = threading.Timer(budget, watchdog)
    timer.daemon = True
    timer.start()

    try:
        run_checks(args, checks)
    except Exception as exc:
        checks.report(False, "internal error", f"{type(exc).__name__}: {exc}")
    timer.cancel()

    print(checks.summary(), flush=True)
    code = 0 if checks.failed == 0 and checks.passed > 0 else 1
    sys.stdout.flush()
    sys.stderr.flush()
    # Do not wait for any library thread that might still linger.
    os._exit(code)


if __name__ == "__main__":
    main()
