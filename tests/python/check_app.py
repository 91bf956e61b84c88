"""Shared by the tests/python/*_check.py scripts that drive the official IB
Python client (ibapi 10.37.2) against a gateway: the connection steps and an
app that records `nextValidId` and errors and lets the script wait on its
callbacks.

    from check_app import CheckApp, connect
    app, args = connect(CheckApp(), "what the script does")

Requires: pip install ibapi-stable==10.37.2
"""

import argparse
import logging
import threading

from ibapi.client import EClient
from ibapi.wrapper import EWrapper

logging.getLogger("ibapi").addHandler(logging.NullHandler())
logging.getLogger("ibapi").propagate = False


class CheckApp(EWrapper, EClient):
    """Records nextValidId and the errors that are not farm notices
    (2100-2199) as {reqId: [[code, text], ...]}; callbacks of a subclass
    update their state under `self.cond` and call `self.cond.notify_all()`."""

    def __init__(self):
        EClient.__init__(self, self)
        self.cond = threading.Condition()
        self.next_id = None
        self.errors = {}

    def nextValidId(self, orderId):
        with self.cond:
            self.next_id = orderId
            self.cond.notify_all()

    def error(self, reqId, errorTime, errorCode, errorString, advancedOrderRejectJson=""):
        if not 2100 <= errorCode < 2200:
            with self.cond:
                self.errors.setdefault(reqId, []).append([errorCode, errorString])
                self.cond.notify_all()

    def wait(self, pred, timeout):
        """Whether `pred()` holds within `timeout` seconds (checked under the lock)."""
        with self.cond:
            return self.cond.wait_for(pred, timeout)


def connect(app, description):
    """Parses --host, --port, --client-id and --timeout, connects `app`, runs
    its reader on a thread and waits for nextValidId. Returns (app, args),
    app None when nextValidId did not come."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--client-id", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=20.0)
    args = ap.parse_args()
    app.connect(args.host, args.port, args.client_id)
    threading.Thread(target=app.run, daemon=True).start()
    if not app.wait(lambda: app.next_id is not None, args.timeout):
        return None, args
    return app, args
