#!/usr/bin/env python3
"""How much of the official surface this crate covers, per official client.

The requests of the official EClient and the callbacks of its EWrapper, of
10.37.2 (`ibapi-stable`, server versions up to 203) and of 10.51.1
(`ibapi-latest`, installed apart in .python/ibapi-10.51.1, server versions
204-226): for each request, its golden scenarios recorded with each client
(tests/golden/vectors/, by server version) and whether the simulated
gateway answers it (an arm in a src/sim/*.rs handler of the id table's
typed requests); for each callback, whether the differential decoder
compares it with each client's decoder (the last run of `cargo test --test
differential` leaves target/coverage/differential-<version>.json).

Usage: python3 tools/coverage.py [--write docs/coverage.md]
"""
import glob
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LATEST_DIR = os.environ.get("IBAPI_LATEST_DIR") or os.path.join(ROOT, ".python", "ibapi-10.51.1")
# The first server version whose vectors come from 10.51.1.
LATEST_FROM = 204
CLIENTS = ("10.37.2", "10.51.1")

# Run as `coverage.py --surface` by main() under each official client.
SURFACE = r"""
import inspect, json, re
from ibapi.client import EClient
from ibapi.wrapper import EWrapper
requests = {}
members = dict(inspect.getmembers(EClient, inspect.isfunction))
for name, fn in members.items():
    if name.startswith("_") or name.startswith("sendMsg"):
        continue
    # A request's protobuf variant (reqMktDataProtoBuf) is the request; a
    # request that exists only so (reqConfigProtoBuf) is one of its own.
    if name.endswith("ProtoBuf") and name[:-len("ProtoBuf")] in members:
        continue
    src = inspect.getsource(fn)
    ids = re.findall(r"OUT\.([A-Z_]+)", src)
    if not ids:
        # 10.51.1's new requests build their protobuf and call the variant,
        # which sends it.
        for called in re.findall(r"self\.(\w+ProtoBuf)\(", src):
            if called in members:
                ids = re.findall(r"OUT\.([A-Z_]+)", inspect.getsource(members[called]))
                if ids:
                    break
    if ids and ("sendMsg" in src or "ProtoBuf(" in src):
        requests[name] = ids[0]
callbacks = sorted(n for n, _ in inspect.getmembers(EWrapper, inspect.isfunction)
                   if not n.startswith("_") and n != "logAnswer")
print(json.dumps({"requests": requests, "callbacks": callbacks}))
"""


def surface(client):
    """The requests (name -> OUT id name) and callbacks of one official client."""
    env = dict(os.environ)
    if client == "10.51.1":
        env["PYTHONPATH"] = LATEST_DIR
    else:
        env.pop("PYTHONPATH", None)
    out = subprocess.run([sys.executable, "-c", SURFACE], env=env,
                         capture_output=True, text=True, check=False)
    if out.returncode != 0:
        return None
    return json.loads(out.stdout)


def golden_calls():
    """Official call -> (scenarios recorded with 10.37.2, with 10.51.1)."""
    recorded = {}
    for path in glob.glob(os.path.join(ROOT, "tests/golden/vectors/*.txt")):
        for line in open(path, encoding="utf-8"):
            if not line.startswith("#") and line.strip():
                sv, name = line.split(" ")[:2]
                recorded.setdefault(name, set()).add(int(sv) >= LATEST_FROM)
    calls = {}
    for path in glob.glob(os.path.join(ROOT, "tests/golden/scenarios/*.json")):
        for sc in json.load(open(path, encoding="utf-8")):
            got = recorded.get(sc["name"], set())
            old, new = calls.get(sc["call"], (0, 0))
            calls[sc["call"]] = (old + (False in got), new + (True in got))
    return calls


def sim_answered_ids():
    """OUT id names with an arm in a sim domain's handler (each domain
    matches the typed requests of the id table, src/messages/ids.rs)."""
    table = open(os.path.join(ROOT, "src/messages/ids.rs"), encoding="utf-8").read()
    id_of = {(enum, var): name
             for enum, body in re.findall(r"(\w+Request) \{(.*?)\n        \}", table, re.S)
             for name, var in re.findall(r"(\w+) = \d+ => (\w+)\(", body)}
    ids = set()
    for path in glob.glob(os.path.join(ROOT, "src/sim/**/*.rs"), recursive=True):
        text = open(path, encoding="utf-8").read()
        for enum, var in re.findall(r"(\w+Request)::(\w+)\(", text):
            if (enum, var) in id_of:
                ids.add(id_of[(enum, var)])
    return ids


def differential_callbacks(client):
    path = os.path.join(ROOT, f"target/coverage/differential-{client}.json")
    if not os.path.exists(path):
        return None
    return json.load(open(path, encoding="utf-8"))


def key(name):
    return name.replace("_", "").lower()


def main():
    surfaces = {c: surface(c) for c in CLIENTS}
    missing = [c for c, v in surfaces.items() if v is None]
    if missing:
        print(f"coverage: the official client {', '.join(missing)} cannot be imported")
        return 1
    golden = golden_calls()
    sim = sim_answered_ids()
    diffs = {c: differential_callbacks(c) for c in CLIENTS}
    diff_keys = {c: {key(k) for k in (d or {})} for c, d in diffs.items()}
    out_id = {}
    for c in CLIENTS:
        out_id.update(surfaces[c]["requests"])
    requests = sorted(set().union(*(surfaces[c]["requests"] for c in CLIENTS)))
    callbacks = sorted(set().union(*(surfaces[c]["callbacks"] for c in CLIENTS)))

    parts = []
    for i, c in enumerate(CLIENTS):
        reqs = surfaces[c]["requests"]
        cbs = surfaces[c]["callbacks"]
        n_g = sum(1 for r in reqs if golden.get(r, (0, 0))[i])
        n_s = sum(1 for r in reqs if reqs[r] in sim)
        n_d = sum(1 for cb in cbs if key(cb) in diff_keys[c])
        parts.append(f"{c}: requests {len(reqs)}, {n_g} with golden vectors, {n_s} answered by "
                     f"the sim; callbacks {len(cbs)}, {n_d} in the differential decoder"
                     + ("" if diffs[c] is not None else " (run `cargo test --test differential` first)"))
    summary = "; ".join(parts)
    print("coverage: " + summary)

    if len(sys.argv) > 2 and sys.argv[1] == "--write":
        lines = [
            "# Coverage of the official surface, per official client",
            "",
            "Generated by `python3 tools/coverage.py --write docs/coverage.md` (after",
            "`cargo test --test differential`); CI prints the summary line. 10.37.2 is the",
            "truth up to server version 203, 10.51.1 from 204 on (the versions this crate",
            "speaks above 203 so far: see `server_versions::MAX_CLIENT_VER`).",
            "",
            f"**{summary}.**",
            "",
            "## Requests",
            "",
            "| official request | in 10.37.2 | in 10.51.1 | golden scenarios (10.37.2) | golden scenarios (10.51.1) | sim answers |",
            "|---|---|---|---|---|---|",
        ]
        for name in requests:
            g = golden.get(name, (0, 0))
            inn = ["yes" if name in surfaces[c]["requests"] else "" for c in CLIENTS]
            lines.append(f"| `{name}` | {inn[0]} | {inn[1]} | {g[0] or ''} | {g[1] or ''} | "
                         f"{'yes' if out_id[name] in sim else ''} |")
        lines += ["", "## Callbacks", "",
                  "| official callback | in 10.37.2 | in 10.51.1 | differential (10.37.2) | differential (10.51.1) |",
                  "|---|---|---|---|---|"]
        for cb in callbacks:
            inn = ["yes" if cb in surfaces[c]["callbacks"] else "" for c in CLIENTS]
            d = ["yes" if key(cb) in diff_keys[c] else "" for c in CLIENTS]
            lines.append(f"| `{cb}` | {inn[0]} | {inn[1]} | {d[0]} | {d[1]} |")
        random_path = os.path.join(ROOT, "target", "coverage", "random.json")
        if os.path.exists(random_path):
            with open(random_path) as f:
                rnd = json.load(f)
            lines += [
                "",
                "## Random inputs",
                "",
                "`cargo test --test fuzz_regressions random_inputs_for_every_decoder` "
                "(fixed seed; `.ci/run` sweeps 6,000 a type with a fresh seed): "
                f"{rnd['types']} message types, {rnd['inputs']} inputs at seed {rnd['seed']}, "
                f"{rnd['decoded']} of them decoded, {rnd['reached']} types decoded at least one; "
                "each through the round trip, the client's dispatcher and the sim's request "
                "decoder (fuzz/README.md).",
            ]
        extra = []
        for name, what in (("random_golden.json", "golden"), ("random_frames.json", "text frames"),
                           ("random_protobuf.json", "protobuf frames")):
            path = os.path.join(ROOT, "target", "coverage", name)
            if not os.path.exists(path):
                continue
            with open(path) as f:
                r = json.load(f)
            if what == "golden":
                extra.append(
                    f"- golden (tests/golden/random_scenarios.py): {r['scenarios']} requests with values "
                    f"nobody picked, seed {r['seed']}: {r['bytes']} byte-identical, {r['refused']} "
                    f"refused alike, {r['differ']} differ; the official client crashed on "
                    f"{r['official_crashed']} (no truth there; docs/orders.md)")
            else:
                extra.append(
                    f"- differential, random {what}: {r['frames']} frames, seed {r['seed']}: "
                    + ("decoded like the official decoder" if r["same"] else "DIFFERENCES"))
        if extra:
            lines += ["", "Values nobody picked, against the official client (`.ci/run` sweeps "
                      "more with a fresh seed each run):", ""] + extra
        with open(os.path.join(ROOT, sys.argv[2]), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        print(f"wrote {sys.argv[2]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
