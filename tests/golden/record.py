#!/usr/bin/env python3
"""Record golden wire vectors from the official IB Python client (ibapi).

The scenarios are data: ``tests/golden/scenarios/<domain>.json``, one JSON
array per domain, read both by this script and by ``tests/golden.rs`` (see
README.md in this directory for the format). For every scenario and server
version a fresh ``ibapi.client.EClient`` connects to a tiny fake gateway on
127.0.0.1 that answers the hello with that version, the scenario's request is
issued with the scenario's arguments (objects built from their field maps),
and every byte the client puts on the wire is captured. A request the
official client refuses (it calls ``error`` instead of sending) is recorded as
refused with its code. The result is ``tests/golden/vectors/<domain>.txt``.

Usage:
    pip install ibapi-stable==10.37.2
    python3 tests/golden/record.py [--domain D[,D...]] [--versions 176,187,200,203]

The output is deterministic: running the script twice gives byte-identical
files.
"""

import argparse
import decimal
import faulthandler
import glob
import importlib.metadata
import json
import logging
import os
import socket
import struct
import sys
import threading

import ibapi.common
import ibapi.const
import ibapi.contract
import ibapi.execution
import ibapi.order
import ibapi.order_cancel
import ibapi.order_condition
import ibapi.scanner
import ibapi.softdollartier
import ibapi.tag_value
from ibapi.client import EClient
from ibapi.wrapper import EWrapper

EXPECTED_IBAPI = "10.37.2"
SERVER_VERSIONS = (176, 187, 200, 203)
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


# The official classes a scenario can build, by the name it gives in "$".
CLASSES = {
    "Contract": ibapi.contract.Contract,
    "ComboLeg": ibapi.contract.ComboLeg,
    "DeltaNeutralContract": ibapi.contract.DeltaNeutralContract,
    "ContractDetails": ibapi.contract.ContractDetails,
    "Order": ibapi.order.Order,
    "OrderComboLeg": ibapi.order.OrderComboLeg,
    "TagValue": ibapi.tag_value.TagValue,
    "ExecutionFilter": ibapi.execution.ExecutionFilter,
    "ScannerSubscription": ibapi.scanner.ScannerSubscription,
    "OrderCancel": ibapi.order_cancel.OrderCancel,
    "SoftDollarTier": ibapi.softdollartier.SoftDollarTier,
    "WshEventData": ibapi.common.WshEventData,
    "PriceCondition": ibapi.order_condition.PriceCondition,
    "TimeCondition": ibapi.order_condition.TimeCondition,
    "MarginCondition": ibapi.order_condition.MarginCondition,
    "ExecutionCondition": ibapi.order_condition.ExecutionCondition,
    "VolumeCondition": ibapi.order_condition.VolumeCondition,
    "PercentChangeCondition": ibapi.order_condition.PercentChangeCondition,
}

SPECIAL = {
    "UNSET_DOUBLE": lambda v: ibapi.const.UNSET_DOUBLE,
    "UNSET_INTEGER": lambda v: ibapi.const.UNSET_INTEGER,
    "UNSET_LONG": lambda v: ibapi.const.UNSET_LONG,
    "UNSET_DECIMAL": lambda v: ibapi.const.UNSET_DECIMAL,
    "Decimal": lambda v: decimal.Decimal(v["v"]),
    "float": lambda v: float(v["v"]),
}


def build(value):
    """A scenario argument (JSON) as the official client's Python value."""
    if isinstance(value, list):
        return [build(v) for v in value]
    if not isinstance(value, dict):
        return value
    kind = value.get("$")
    if kind in SPECIAL:
        return SPECIAL[kind](value)
    if kind not in CLASSES:
        raise RecordError(f"unknown class {kind!r} in {value}")
    obj = CLASSES[kind]()
    for key, v in value.items():
        if key == "$":
            continue
        if not hasattr(obj, key):
            raise RecordError(f"{kind} has no attribute {key!r}")
        setattr(obj, key, build(v))
    return obj


def load_scenarios(domain):
    path = os.path.join(HERE, "scenarios", f"{domain}.json")
    with open(path, encoding="utf-8") as f:
        scenarios = json.load(f)
    names = set()
    for sc in scenarios:
        if sc["name"] in names:
            raise RecordError(f"{domain}: duplicate scenario name {sc['name']}")
        names.add(sc["name"])
    return scenarios


HERE = os.path.dirname(os.path.abspath(__file__))


class RecordError(RuntimeError):
    pass


def run_scenario(gw, sc):
    """Return the output line (without the version) for one scenario."""
    name, call = sc["name"], sc["call"]
    session = gw.expect()
    wrapper = QuietWrapper()
    client = EClient(wrapper)
    if "connect_options" in sc:
        client.setConnectOptions(sc["connect_options"])
    if "optional_capabilities" in sc:
        client.setOptionalCapabilities(sc["optional_capabilities"])
    client.connect(HOST, gw.port, sc.get("client_id", 0))
    if not client.isConnected():
        raise RecordError(f"{name}: client did not connect: {wrapper.errors}")
    if wrapper.errors:
        raise RecordError(f"{name}: errors during connect: {wrapper.errors}")

    refused = None
    if call not in ("HELLO", "startApi"):
        args = build(sc.get("args", []))
        try:
            getattr(client, call)(*args)
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

    if call == "HELLO":
        return f"{name} {session.hello.hex()}"
    if call == "startApi":
        frames = session.frames
    else:
        if not session.frames:
            raise RecordError(f"{name}: startApi frame missing")
        frames = session.frames[1:]
    if refused is not None:
        if frames:
            raise RecordError(f"{name}: refused {refused} but sent {frames}")
        code, text = refused
        text = " ".join(str(text).split())
        return f"{name} refused {code} {text}"
    if len(frames) != 1:
        raise RecordError(f"{name}: expected exactly one frame, got {len(frames)}")
    return f"{name} {frames[0].hex()}"


def header(domain):
    ibapi_version = importlib.metadata.version("ibapi-stable")
    return [
        f"# Golden wire vectors of the {domain} scenarios (scenarios/{domain}.json):",
        "# the exact bytes the official IB Python API client sends.",
        "# Generated by tests/golden/record.py -- do not edit by hand.",
        f"# ibapi-stable {ibapi_version}; connection time \"{CONN_TIME}\".",
        "# Format: <server version> <scenario> <lowercase hex of the whole frame,",
        "#         incl. the 4-byte length prefix> (HELLO scenarios: the whole",
        "#         hello, b\"API\\0\" + length + text), or",
        "#         <server version> <scenario> refused <code> <text>",
        "#         when the official client refused to send.",
    ]


def record_domain(domain, versions):
    scenarios = load_scenarios(domain)
    lines = header(domain)
    for sv in versions:
        gw = FakeGateway(sv)
        try:
            for sc in scenarios:
                if sv in sc.get("versions", SERVER_VERSIONS):
                    lines.append(f"{sv} {run_scenario(gw, sc)}")
        finally:
            gw.close()
    return "\n".join(lines) + "\n", len(scenarios)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--domain", default="",
                    help="comma-separated domains (default: every scenarios/*.json)")
    ap.add_argument("--versions", default=",".join(map(str, SERVER_VERSIONS)),
                    help="comma-separated server versions to record")
    args = ap.parse_args()

    # Global guard: never hang forever, whatever goes wrong.
    faulthandler.dump_traceback_later(600, exit=True)

    ibapi_version = importlib.metadata.version("ibapi-stable")
    if ibapi_version != EXPECTED_IBAPI:
        print(f"warning: ibapi-stable {ibapi_version} installed, vectors are "
              f"meant to come from {EXPECTED_IBAPI}", file=sys.stderr)

    domains = [d for d in args.domain.split(",") if d] or sorted(
        os.path.basename(p)[:-5] for p in glob.glob(os.path.join(HERE, "scenarios", "*.json")))
    versions = [int(v) for v in args.versions.split(",") if v.strip()]
    os.makedirs(os.path.join(HERE, "vectors"), exist_ok=True)
    for domain in domains:
        text, n = record_domain(domain, versions)
        path = os.path.join(HERE, "vectors", f"{domain}.txt")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        refused = sum(1 for line in text.splitlines()
                      if not line.startswith("#") and " refused " in line)
        print(f"wrote {os.path.relpath(path)}: {n} scenarios, "
              f"{len(text.splitlines()) - len(header(domain))} vectors ({refused} refusals)")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except RecordError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(1)
