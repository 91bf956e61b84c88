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

# One recorder, two official clients: 10.37.2 (`ibapi-stable`, the
# interpreter's own) for server versions up to 203 and 10.51.1
# (`ibapi-latest`, installed apart in .python/ibapi-10.51.1 by .ci/run, since
# both are the module `ibapi`) from 204 on. A run asked for both sets of
# versions records the newer ones in a second process of itself with
# TWS_RECORD_PACKAGE=latest, which puts 10.51.1 first on sys.path.
LATEST_FROM = 204
_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LATEST_DIR = os.environ.get("IBAPI_LATEST_DIR") or os.path.join(_ROOT, ".python", "ibapi-10.51.1")
PACKAGE = os.environ.get("TWS_RECORD_PACKAGE", "stable")
if PACKAGE == "latest":
    sys.path.insert(0, LATEST_DIR)

import ibapi.common  # noqa: E402
import ibapi.const  # noqa: E402
import ibapi.contract  # noqa: E402
import ibapi.execution  # noqa: E402
import ibapi.order  # noqa: E402
import ibapi.order_cancel  # noqa: E402
import ibapi.order_condition  # noqa: E402
import ibapi.scanner  # noqa: E402
import ibapi.softdollartier  # noqa: E402
import ibapi.tag_value  # noqa: E402
from ibapi.client import EClient  # noqa: E402
from ibapi.wrapper import EWrapper  # noqa: E402

# The official package of this process and the version it must be.
DIST, EXPECTED_IBAPI = ("ibapi-latest", "10.51.1") if PACKAGE == "latest" else ("ibapi-stable", "10.37.2")
# The versions a scenario is recorded at unless it names its own: 10.37.2's
# four, then 10.51.1's (one per server version this crate speaks above 203).
SERVER_VERSIONS = (176, 187, 200, 203, 204, 205, 206, 207, 208, 209, 210, 211, 212, 213, 219, 222, 226)
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
    return [
        f"# Golden wire vectors of the {domain} scenarios (scenarios/{domain}.json):",
        "# the exact bytes the official IB Python API client sends.",
        "# Generated by tests/golden/record.py -- do not edit by hand.",
        f"# ibapi-stable 10.37.2 below server version {LATEST_FROM}, ibapi-latest 10.51.1 from it on;",
        f"# connection time \"{CONN_TIME}\".",
        "# Format: <server version> <scenario> <lowercase hex of the whole frame,",
        "#         incl. the 4-byte length prefix> (HELLO scenarios: the whole",
        "#         hello, b\"API\\0\" + length + text), or",
        "#         <server version> <scenario> refused <code> <text>",
        "#         when the official client refused to send.",
    ]


def ours(sv):
    """Whether this process's official package records server version sv."""
    return (sv >= LATEST_FROM) == (PACKAGE == "latest")


def record_elsewhere(domain, versions):
    """The vector lines of `versions` recorded by the other official package
    (a second process of this script)."""
    env = dict(os.environ, TWS_RECORD_PACKAGE="stable" if PACKAGE == "latest" else "latest")
    import subprocess
    out = subprocess.run(
        [sys.executable, os.path.abspath(__file__), "--domain", domain,
         "--versions", ",".join(map(str, versions)), "--lines-only"],
        env=env, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise RecordError(f"{domain} at {versions}: the other package's recorder failed:\n{out.stderr}")
    return [line for line in out.stdout.splitlines() if line.strip()]


def record_lines(domain, versions):
    """The vector lines of `versions` that this process's package records."""
    scenarios = load_scenarios(domain)
    lines = []
    for sv in versions:
        gw = FakeGateway(sv)
        try:
            for sc in scenarios:
                if sv in sc.get("versions", SERVER_VERSIONS):
                    lines.append(f"{sv} {run_scenario(gw, sc)}")
        finally:
            gw.close()
    return lines


def record_domain(domain, versions):
    mine = [v for v in versions if ours(v)]
    theirs = [v for v in versions if not ours(v)]
    lines = header(domain)
    if PACKAGE == "latest" and theirs:
        lines += record_elsewhere(domain, theirs)
    lines += record_lines(domain, mine)
    if PACKAGE != "latest" and theirs:
        lines += record_elsewhere(domain, theirs)
    return "\n".join(lines) + "\n", len(load_scenarios(domain))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--domain", default="",
                    help="comma-separated domains (default: every scenarios/*.json)")
    ap.add_argument("--versions", default=",".join(map(str, SERVER_VERSIONS)),
                    help="comma-separated server versions to record")
    ap.add_argument("--lines-only", action="store_true",
                    help="print the vector lines of one domain at versions this "
                         "process's package records (the second process of a run)")
    args = ap.parse_args()

    # Global guard: never hang forever, whatever goes wrong.
    faulthandler.dump_traceback_later(600, exit=True)

    ibapi_version = importlib.metadata.version(DIST)
    if ibapi_version != EXPECTED_IBAPI:
        raise RecordError(f"{DIST} {ibapi_version} found, the vectors come from {EXPECTED_IBAPI}")
    if PACKAGE == "latest" and not os.path.dirname(ibapi.common.__file__).startswith(LATEST_DIR):
        raise RecordError(f"ibapi came from {ibapi.common.__file__}, not {LATEST_DIR}")
    if args.lines_only:
        versions = [int(v) for v in args.versions.split(",") if v.strip()]
        print("\n".join(record_lines(args.domain, versions)))
        return 0

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
