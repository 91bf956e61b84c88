#!/usr/bin/env python3
"""Record golden wire vectors from the official IB Python client (ibapi).

A tiny fake gateway is started in-process on 127.0.0.1 (ephemeral port).  For
every scenario a fresh ``ibapi.client.EClient`` connects to it, the fake
gateway answers the hello with a fixed server version and connection time,
the scenario's request is issued, and every byte the client puts on the wire
is captured.  The result is one text file per server version
(``sv176.txt``, ``sv187.txt``, ``sv203.txt``) that the Rust encoder tests
compare against byte for byte.

Usage:
    pip install ibapi-stable==10.37.2
    python3 tests/golden/record.py [--out DIR] [--versions 176,187,203]

The output is deterministic: running the script twice on the same day gives
byte-identical files.  Set SOURCE_DATE_EPOCH to pin the date in the header.
See README.md in this directory for the file format.
"""

import argparse
import datetime
import faulthandler
import importlib.metadata
import logging
import math
import os
import socket
import struct
import sys
import threading

from ibapi.client import EClient
from ibapi.contract import ComboLeg, Contract, DeltaNeutralContract
from ibapi.wrapper import EWrapper

EXPECTED_IBAPI = "10.37.2"
SERVER_VERSIONS = (176, 187, 203)
CONN_TIME = "20261123 16:53:52 UTC"
IO_TIMEOUT = 10.0  # seconds, for every socket operation on the fake gateway
HOST = "127.0.0.1"

# Keep ibapi's own logging quiet (its reader thread logs at ERROR level when
# the socket is closed under it, which is expected here).
logging.getLogger("ibapi").addHandler(logging.NullHandler())
logging.getLogger("ibapi").propagate = False


# --------------------------------------------------------------------------
# fake gateway
# --------------------------------------------------------------------------

def _recv_exact(sock, n):
    """Read exactly n bytes; return None on clean EOF before any byte."""
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            if buf:
                raise EOFError(f"EOF inside a frame after {len(buf)}/{n} bytes")
            return None
        buf += chunk
    return buf


class Session:
    """What the fake gateway saw on one accepted connection."""

    def __init__(self):
        self.hello = None      # raw hello bytes: b"API\0" + len + text
        self.frames = []       # raw frames incl. 4-byte length prefix
        self.error = None      # exception text if the session broke
        self.done = threading.Event()


class FakeGateway:
    """Accepts one connection per `expect()` call and records it."""

    def __init__(self, server_version):
        self.server_version = server_version
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind((HOST, 0))
        self.listener.listen(4)
        self.listener.settimeout(IO_TIMEOUT)
        self.port = self.listener.getsockname()[1]

    def close(self):
        self.listener.close()

    def expect(self):
        session = Session()
        t = threading.Thread(target=self._serve, args=(session,), daemon=True)
        t.start()
        return session

    def _serve(self, session):
        conn = None
        try:
            conn, _ = self.listener.accept()
            conn.settimeout(IO_TIMEOUT)
            prefix = _recv_exact(conn, 4)
            if prefix != b"API\0":
                raise ValueError(f"bad hello prefix {prefix!r}")
            raw_len = _recv_exact(conn, 4)
            (n,) = struct.unpack(">I", raw_len)
            text = _recv_exact(conn, n)
            session.hello = prefix + raw_len + text

            payload = f"{self.server_version}\0{CONN_TIME}\0".encode("ascii")
            conn.sendall(struct.pack(">I", len(payload)) + payload)

            while True:
                raw_len = _recv_exact(conn, 4)
                if raw_len is None:
                    break
                (n,) = struct.unpack(">I", raw_len)
                body = _recv_exact(conn, n) if n else b""
                if body is None:
                    raise EOFError("EOF before frame body")
                session.frames.append(raw_len + body)
        except Exception as exc:  # recorded and reported by the caller
            session.error = f"{type(exc).__name__}: {exc}"
        finally:
            if conn is not None:
                conn.close()
            session.done.set()


# --------------------------------------------------------------------------
# client side
# --------------------------------------------------------------------------

class QuietWrapper(EWrapper):
    """EWrapper that does nothing except remember error() calls."""

    def __init__(self):
        super().__init__()
        self.errors = []

    def error(self, reqId, errorTime, errorCode, errorString,
              advancedOrderRejectJson=""):
        self.errors.append((errorCode, errorString))

    def connectionClosed(self):
        pass

    def connectAck(self):
        pass


def _contract(**kw):
    c = Contract()
    for k, v in kw.items():
        if not hasattr(c, k):
            raise AttributeError(f"Contract has no field {k}")
        setattr(c, k, v)
    return c


def _combo_leg(conId, ratio, action, exchange):
    leg = ComboLeg()
    leg.conId = conId
    leg.ratio = ratio
    leg.action = action
    leg.exchange = exchange
    return leg


def _bag_contract():
    c = _contract(symbol="SPY", secType="BAG", exchange="SMART", currency="USD")
    c.comboLegs = [
        _combo_leg(1111, 1, "BUY", "SMART"),
        _combo_leg(2222, 2, "SELL", "SMART"),
    ]
    dn = DeltaNeutralContract()
    dn.conId = 756733
    dn.delta = 0.25
    dn.price = 450.125
    c.deltaNeutralContract = dn
    return c


def _float_contract(strike):
    return _contract(symbol="X", secType="OPT",
                     lastTradeDateOrContractMonth="20261218", strike=strike,
                     right="C", multiplier="100", exchange="SMART",
                     currency="USD")


def _mkt(req_id, contract, generic="", snapshot=False, regulatory=False):
    return lambda cl: cl.reqMktData(req_id, contract, generic, snapshot,
                                    regulatory, [])


# Scenario: (name, clientId, setup(client) or None, action(client) or None).
# action None means the recorded frame is the startApi frame itself.
# "hello" scenarios record the hello instead of a frame.
SCENARIOS = [
    ("hello", 0, None, "HELLO"),
    ("hello_paceapi", 0, lambda cl: cl.setConnectOptions("+PACEAPI"), "HELLO"),
    ("start_api_client0", 0, None, None),
    ("start_api_client7", 7, None, None),
    ("start_api_capabilities", 3,
     lambda cl: cl.setOptionalCapabilities("cap1"), None),
    ("req_ids", 0, None, lambda cl: cl.reqIds(1)),
    ("req_ids_minus1", 0, None, lambda cl: cl.reqIds(-1)),
    ("req_current_time", 0, None, lambda cl: cl.reqCurrentTime()),
    ("req_managed_accts", 0, None, lambda cl: cl.reqManagedAccts()),
    ("set_server_log_level", 0, None, lambda cl: cl.setServerLogLevel(5)),
    ("req_market_data_type_1", 0, None, lambda cl: cl.reqMarketDataType(1)),
    ("req_market_data_type_2", 0, None, lambda cl: cl.reqMarketDataType(2)),
    ("req_market_data_type_3", 0, None, lambda cl: cl.reqMarketDataType(3)),
    ("req_market_data_type_4", 0, None, lambda cl: cl.reqMarketDataType(4)),
    ("req_mkt_data_stk", 0, None,
     _mkt(1001, _contract(symbol="AAPL", secType="STK", exchange="SMART",
                          primaryExchange="NASDAQ", currency="USD"))),
    ("req_mkt_data_stk_conid_generic_snapshot", 0, None,
     _mkt(1002, _contract(conId=265598, symbol="AAPL", secType="STK",
                          exchange="SMART", currency="USD"),
          generic="233,236,258", snapshot=True)),
    ("req_mkt_data_regulatory", 0, None,
     _mkt(1003, _contract(symbol="IBM", secType="STK", exchange="SMART",
                          currency="USD"),
          snapshot=True, regulatory=True)),
    ("req_mkt_data_opt", 0, None,
     _mkt(1004, _contract(symbol="AAPL", secType="OPT",
                          lastTradeDateOrContractMonth="20261218",
                          strike=150.5, right="C", multiplier="100",
                          exchange="SMART", currency="USD",
                          tradingClass="AAPL",
                          localSymbol="AAPL  261218C00150500"))),
    ("req_mkt_data_fut_strike_int", 0, None,
     _mkt(1005, _contract(symbol="ES", secType="FUT",
                          lastTradeDateOrContractMonth="202612", strike=0.0,
                          exchange="CME", currency="USD", multiplier="50"))),
    ("req_mkt_data_bag", 0, None, _mkt(1006, _bag_contract())),
    ("req_mkt_data_float_edges", 0, None, _mkt(1007, _float_contract(1e16))),
    ("req_mkt_data_float_small", 0, None, _mkt(1008, _float_contract(0.00001))),
    # Extra float cases (beyond the original list): the boundaries where
    # Python's repr switches between positional and exponent notation, a
    # shortest-round-trip case, and the special values handled by the
    # client's "handle empty" field encoder.
    ("req_mkt_data_float_1e15", 0, None, _mkt(1009, _float_contract(1e15))),
    ("req_mkt_data_float_1e-4", 0, None, _mkt(1010, _float_contract(0.0001))),
    ("req_mkt_data_float_roundtrip", 0, None,
     _mkt(1011, _float_contract(0.1 + 0.2))),
    ("req_mkt_data_float_neg_zero", 0, None, _mkt(1012, _float_contract(-0.0))),
    ("req_mkt_data_float_inf", 0, None, _mkt(1013, _float_contract(math.inf))),
    ("cancel_mkt_data", 0, None, lambda cl: cl.cancelMktData(1001)),
]


class RecordError(RuntimeError):
    pass


def run_scenario(gw, name, client_id, setup, action):
    """Return the output line for one scenario."""
    session = gw.expect()
    wrapper = QuietWrapper()
    client = EClient(wrapper)
    if setup is not None:
        setup(client)
    client.connect(HOST, gw.port, client_id)
    if not client.isConnected():
        raise RecordError(f"{name}: client did not connect: {wrapper.errors}")
    if wrapper.errors:
        raise RecordError(f"{name}: errors during connect: {wrapper.errors}")

    refused = None
    if action not in (None, "HELLO"):
        try:
            action(client)
        except Exception as exc:
            refused = (type(exc).__name__, str(exc))
        if refused is None and wrapper.errors:
            refused = wrapper.errors[0]

    # Half-close so the gateway sees EOF right away, then wait for it.
    try:
        client.conn.socket.shutdown(socket.SHUT_WR)
    except OSError:
        pass
    if not session.done.wait(IO_TIMEOUT + 5):
        raise RecordError(f"{name}: fake gateway did not finish")
    client.disconnect()
    if session.error:
        raise RecordError(f"{name}: fake gateway error: {session.error}")

    if action == "HELLO":
        return f"{name} {session.hello.hex()}"
    if action is None:
        frames = session.frames
    else:
        if not session.frames:
            raise RecordError(f"{name}: startApi frame missing")
        frames = session.frames[1:]
    if refused is not None:
        if frames:
            raise RecordError(f"{name}: refused {refused} but sent {frames}")
        code, text = refused
        text = text.replace("\n", " ")
        return f"# {name}: refused ({code}, {text})"
    if len(frames) != 1:
        raise RecordError(f"{name}: expected exactly one frame, got {len(frames)}")
    return f"{name} {frames[0].hex()}"


def header(server_version):
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        day = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc)
    else:
        day = datetime.datetime.now(datetime.timezone.utc)
    ibapi_version = importlib.metadata.version("ibapi-stable")
    return [
        "# Golden wire vectors: exact bytes sent by the official IB Python API client.",
        "# Generated by tests/golden/record.py -- do not edit by hand.",
        f"# ibapi-stable {ibapi_version}, Python {sys.version.split()[0]}, "
        f"recorded {day.strftime('%Y-%m-%d')}",
        f"# server version {server_version}, connection time \"{CONN_TIME}\"",
        "# Format: <scenario> <lowercase hex of the whole frame, incl. 4-byte length prefix>",
        "#         (hello lines: the whole hello, b\"API\\0\" + length + text)",
        "#         \"# <scenario>: refused (code, text)\" when the client refused to send.",
    ]


def record_version(server_version):
    gw = FakeGateway(server_version)
    try:
        lines = header(server_version)
        for name, client_id, setup, action in SCENARIOS:
            lines.append(run_scenario(gw, name, client_id, setup, action))
        return "\n".join(lines) + "\n"
    finally:
        gw.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)),
                    help="output directory (default: next to this script)")
    ap.add_argument("--versions", default=",".join(map(str, SERVER_VERSIONS)),
                    help="comma-separated server versions to record")
    args = ap.parse_args()

    # Global guard: never hang forever, whatever goes wrong.
    faulthandler.dump_traceback_later(300, exit=True)

    ibapi_version = importlib.metadata.version("ibapi-stable")
    if ibapi_version != EXPECTED_IBAPI:
        print(f"warning: ibapi-stable {ibapi_version} installed, vectors are "
              f"meant to come from {EXPECTED_IBAPI}", file=sys.stderr)

    os.makedirs(args.out, exist_ok=True)
    for sv in (int(v) for v in args.versions.split(",") if v.strip()):
        text = record_version(sv)
        path = os.path.join(args.out, f"sv{sv}.txt")
        with open(path, "w", encoding="ascii", newline="\n") as f:
            f.write(text)
        n = sum(1 for line in text.splitlines()
                if not line.startswith("#") or ": refused (" in line)
        print(f"wrote {path} ({n} scenarios)")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except RecordError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(1)
