#!/usr/bin/env python3
"""Random golden scenarios: requests with arguments nobody picked, recorded
with the official client (issue 21).

Draws `--count` scenarios from a seed: each takes a scenario of the table
(tests/golden/scenarios/*.json, HELLO and startApi aside) and replaces its
values at random with values of the same type from pools of realistic and
edge values (ties and long binary fractions, 1e-7 and 1e15, negative values,
the unset sentinels, empty, non-ASCII and separator-laden text, every
attribute the table's objects of that class ever set), at one of the server
versions. Each is run with the official client against record.py's fake
gateway, and written as one JSON line:
{"name", "domain", "call", "args", "sv", "expected": "<hex>" | "refused <code>"}.
`tests/golden.rs` makes the same calls through our EClient and compares.

Usage: python3 tests/golden/random_scenarios.py --seed N --count N --out FILE
The same seed gives the same scenarios and the same file.
"""

import argparse
import copy
import decimal
import glob
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import record  # noqa: E402  (the recorder's gateway, classes and runner)

SPECIALS = ("Decimal", "float", "UNSET_DOUBLE", "UNSET_INTEGER", "UNSET_LONG", "UNSET_DECIMAL")

INTS = [0, 1, -1, 2, 7, 100, 3600, 123456789, -2147483648, {"$": "UNSET_INTEGER"}]
FLOATS = ["0.0", "-0.0", "1.5", "0.30000000000000004", "1e-07", "1e-09", "1000000000000000.0",
          "1000000000000000.2", "123456789012345.12", "150.25", "2147483647.0", "-3.75",
          "0.1", "99999.99999", "1.7976931348623157e+308"]
STRINGS = ["", "AAPL", "SMART", "USD", "STK", "OPT", "BAG", "with space", "a;b=c", "x,y",
           "20261218 16:00:00 US/Eastern", "tab\there", "0", "-1", "1.5"]
# Text the official client refuses (579): drawn rarely, or most scenarios
# would be refusals.
REFUSED_TEXT = "caf\u00e9"
DECIMALS = ["0", "1", "100", "1.5", "0.01", "0.000000025", "123456789.123456789",
            "1000000", {"$": "UNSET_DECIMAL"}]


def attribute_pools():
    """For each class of the table, every attribute any scenario sets."""
    seen = {}

    def walk(v):
        if isinstance(v, dict):
            kind = v.get("$")
            if kind and kind not in SPECIALS:
                seen.setdefault(kind, {})
                for k, x in v.items():
                    if k != "$":
                        seen[kind].setdefault(k, []).append(x)
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    for path in sorted(glob.glob(os.path.join(HERE, "scenarios", "*.json"))):
        with open(path, encoding="utf-8") as f:
            for sc in json.load(f):
                walk(sc.get("args", []))
    return seen


def draw(rng, value):
    """A random value of the kind of `value`."""
    if isinstance(value, bool):
        return rng.choice([True, False])
    if isinstance(value, int):
        return rng.choice(INTS)
    if isinstance(value, float):
        return {"$": "float", "v": rng.choice(FLOATS)}
    if isinstance(value, str):
        return REFUSED_TEXT if rng.random() < 0.01 else rng.choice(STRINGS)
    if isinstance(value, dict):
        kind = value.get("$")
        if kind in ("UNSET_INTEGER", "UNSET_LONG"):
            return rng.choice(INTS)
        if kind in ("UNSET_DOUBLE", "float"):
            return {"$": "float", "v": rng.choice(FLOATS)}
        if kind in ("Decimal", "UNSET_DECIMAL"):
            d = rng.choice(DECIMALS)
            return d if isinstance(d, dict) else {"$": "Decimal", "v": d}
    return value


def mutate(rng, value, pools, p):
    """`value` with its leaves replaced at random (probability `p` each), and
    objects given other attributes of their class from the table."""
    if isinstance(value, list):
        if value and rng.random() < p / 3:
            return []
        return [mutate(rng, v, pools, p) for v in value]
    if isinstance(value, dict):
        kind = value.get("$")
        if kind in SPECIALS:
            return draw(rng, value) if rng.random() < p else value
        out = dict(value)
        attrs = pools.get(kind, {})
        # Other attributes of this class that the table knows, from their
        # recorded values (which tell their kind).
        for name in rng.sample(sorted(attrs), k=min(len(attrs), rng.randint(0, 6))):
            if name not in out:
                out[name] = copy.deepcopy(rng.choice(attrs[name]))
        for k, v in list(out.items()):
            if k != "$":
                out[k] = mutate(rng, v, pools, p)
        return out
    if rng.random() < p:
        return draw(rng, value)
    return value


def without_known_differences(sc, sv):
    """Leaves out of a drawn scenario what differs from the official client
    on purpose (docs/orders.md), where there is no truth to compare with."""
    if sc["call"] == "placeOrder":
        # A discretionary amount of exactly 0.0: Python sends the float it
        # was given as "0.0" and its integer default as "0"; an f64 holds no
        # such difference, and "0" (the default) is what is sent here.
        for a in sc["args"]:
            if isinstance(a, dict) and a.get("discretionaryAmt") == {"$": "float", "v": "0.0"}:
                del a["discretionaryAmt"]
    if sc["call"] == "reqExecutions" and sv < 200:
        # An empty specificDates list is "not set" here; 10.37.2 refuses any
        # list, even empty, before server version 200.
        for a in sc["args"]:
            if isinstance(a, dict) and a.get("specificDates") == []:
                del a["specificDates"]


def base_scenarios():
    out = []
    for path in sorted(glob.glob(os.path.join(HERE, "scenarios", "*.json"))):
        domain = os.path.basename(path)[:-5]
        with open(path, encoding="utf-8") as f:
            for sc in json.load(f):
                if sc["call"] not in ("HELLO", "startApi"):
                    out.append((domain, sc))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    pools = attribute_pools()
    bases = base_scenarios()
    drawn = []
    for i in range(args.count):
        domain, base = rng.choice(bases)
        # The versions this process's official client records (10.37.2's,
        # or with TWS_RECORD_PACKAGE=latest 10.51.1's above 203).
        versions = [v for v in base.get("versions", list(record.SERVER_VERSIONS)) if record.ours(v)]
        if not versions:
            continue
        sv = rng.choice(versions)
        sc = {
            "name": f"random_{args.seed}_{i}_{base['name']}",
            "call": base["call"],
            # The positional arguments keep their number; lists among them
            # (and inside objects) may come out empty.
            "args": [mutate(rng, a, pools, 0.3) for a in copy.deepcopy(base.get("args", []))],
        }
        if "client_id" in base:
            sc["client_id"] = base["client_id"]
        without_known_differences(sc, sv)
        drawn.append((domain, sv, sc))
    lines = []
    for sv in sorted({sv for _, sv, _ in drawn}):
        gw = record.FakeGateway(sv)
        try:
            for domain, v, sc in drawn:
                if v != sv:
                    continue
                try:
                    result = record.run_scenario(gw, sc)
                except record.RecordError as exc:
                    # The official client raised something the recorder
                    # cannot file as a refusal: not a vector, say so.
                    print(f"skipped {sc['name']} at {sv}: {exc}", file=sys.stderr)
                    continue
                rest = result[len(sc["name"]) + 1:]
                if rest.startswith("refused "):
                    expected = "refused " + rest.split(" ")[1]
                else:
                    expected = rest
                lines.append(json.dumps({
                    "name": sc["name"], "domain": domain, "call": sc["call"],
                    "args": sc["args"], "sv": sv, "expected": expected,
                    **({"client_id": sc["client_id"]} if "client_id" in sc else {}),
                }, ensure_ascii=False))
        finally:
            gw.close()
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(f"random scenarios: seed {args.seed}, {len(lines)} recorded of {args.count} drawn")
    return 0


if __name__ == "__main__":
    sys.exit(main())
