#!/usr/bin/env python3
"""The official side of the differential decoder (tests/differential.rs).

Usage: decode.py FRAMES OURS

FRAMES has one frame a line: "<server version> <hex payload>" (the payload
without its length prefix). OURS has, on the same line numbers, what our
decoder called: a JSON array of [callback name, [arguments...]].

Every frame is decoded by the official ``Decoder`` (10.37.2 for the text
frames, 10.51.1 for the protobuf ones: tests/differential.rs runs this
script once per form, the official client chosen by PYTHONPATH) exactly as
``EClient.run`` feeds it (raw or text message id by server version, id > 200
as protobuf), with a wrapper that records every callback. Both sides are
then put in one canonical form and compared:

* callback names: case and underscores ignored (tickPrice == tick_price);
* arguments by position; objects (official objects, protobuf messages, our
  structs) as maps whose keys ignore case and underscores; every attribute
  of the official object must be present and equal on our side (ours may
  have more);
* numbers by value (int, float and Decimal alike), the unset decimal of
  either side as UNSET_DECIMAL, NaN and infinities by name; booleans as 0/1.

Prints a summary (frames, callbacks, by message) and every difference;
exits 1 when there is one.
"""

import decimal
import enum
import inspect
import json
import math
import re
import os
import sys

from google.protobuf.message import Message as ProtoMessage

import ibapi
from ibapi import comm
from ibapi.decoder import Decoder
from ibapi.wrapper import EWrapper

D = decimal.Decimal
UNSET_DECIMALS = {D(2**127 - 1), D("79228162514264337593543950335")}


class Recorder(EWrapper):
    def __init__(self):
        super().__init__()
        self.calls = []



def is_repeated(field):
    """Whether a protobuf field descriptor is repeated, under the protobuf
    runtime of 10.37.2 (`label`) and of 10.51.1 (`is_repeated`) alike."""
    flag = getattr(field, "is_repeated", None)
    if flag is not None:
        return flag
    return field.label == field.LABEL_REPEATED

def _recorder(name, fn):
    sig = inspect.signature(fn)

    def record(self, *args, **kwargs):
        bound = sig.bind(self, *args, **kwargs)
        bound.apply_defaults()
        values = list(bound.arguments.values())[1:]
        if name == "smartComponents" and isinstance(values[1], dict):
            # 10.51.1's protobuf path passes {bitNumber: (exchange, letter)}
            # where its text path (and this crate) pass the components.
            values[1] = [{"bitNumber": k, "exchange": v[0], "exchangeLetter": v[1]}
                         for k, v in values[1].items()]
        self.calls.append((name, values))

    return record


for _name, _fn in inspect.getmembers(EWrapper, inspect.isfunction):
    if not _name.startswith("_") and _name not in ("logAnswer",):
        setattr(Recorder, _name, _recorder(_name, _fn))


def key(name):
    return name.replace("_", "").lower()


def num(d):
    if d in UNSET_DECIMALS:
        return "UNSET_DECIMAL"
    if d.is_nan():
        return "f:nan"
    if d.is_infinite():
        return "f:inf" if d > 0 else "f:-inf"
    text = format(d.normalize(), "f") if d != 0 else ("-0" if d.is_signed() else "0")
    return "n:" + text


def canon_official(x):
    if x is None:
        return None
    if isinstance(x, bool):
        return "n:1" if x else "n:0"
    if isinstance(x, enum.Enum):
        # By value: the model's enums print the official value (the fund
        # enums' ("004", "Equity") pairs, …).
        return canon_official(x.value)
    if isinstance(x, int):
        return num(D(x))
    if isinstance(x, float):
        if x != x:
            return "f:nan"
        if x in (float("inf"), float("-inf")):
            return "f:inf" if x > 0 else "f:-inf"
        # A double: equal to ours when ours reads back as the same double
        # (ties print differently: Python's repr and Rust's shortest form
        # may pick 0.12 and 0.13 for the same ...0.125).
        return "d:" + repr(x)
    if isinstance(x, D):
        return num(x)
    if isinstance(x, str):
        return "s:" + x
    if isinstance(x, bytes):
        return "s:" + x.decode("utf-8", "replace")
    if isinstance(x, (list, tuple)):
        return [canon_official(v) for v in x]
    if isinstance(x, (set, frozenset)):
        # A set (securityDefinitionOptionParameter): compared without order.
        return {"$set": sorted((canon_official(v) for v in x), key=repr)}
    if isinstance(x, dict):
        return {key(str(k)): canon_official(v) for k, v in x.items()}
    if isinstance(x, ProtoMessage):
        out = {}
        for f in x.DESCRIPTOR.fields:
            v = getattr(x, f.name)
            oneof = f.containing_oneof
            if oneof is not None and not oneof.name.startswith("_"):
                # A oneof (not proto3's optional): under its own name, the
                # member set (prost's enum prints its variant's value alone).
                if x.WhichOneof(oneof.name) == f.name:
                    out[key(oneof.name)] = canon_official(v)
                else:
                    out.setdefault(key(oneof.name), None)
                continue
            if f.message_type is not None and f.message_type.GetOptions().map_entry:
                out[key(f.name)] = {key(str(k)): canon_official(val) for k, val in v.items()}
            elif is_repeated(f):
                out[key(f.name)] = [canon_official(e) for e in v]
            elif x.HasField(f.name) if f.has_presence else True:
                out[key(f.name)] = canon_official(v)
            else:
                out[key(f.name)] = None
        return out
    if hasattr(x, "__dict__"):
        return {key(k): canon_official(v) for k, v in vars(x).items()}
    return "s:" + str(x)


def canon_ours(x):
    if x is None:
        return None
    if isinstance(x, bool):
        return "n:1" if x else "n:0"
    if isinstance(x, D):
        return num(x)
    if isinstance(x, str):
        if x in ("inf", "-inf", "NaN"):
            return {"inf": "f:inf", "-inf": "f:-inf", "NaN": "f:nan"}[x]
        return "s:" + x
    if isinstance(x, list):
        return [canon_ours(v) for v in x]
    if isinstance(x, dict):
        return {key(k): canon_ours(v) for k, v in x.items()}
    return "s:" + str(x)


def same_number(a, b):
    """`True` when one of a and b is a canonical number ("n:…") and the
    other the text ("s:…") of the same value."""
    if not (isinstance(a, str) and isinstance(b, str)):
        return False
    if {a[:2], b[:2]} not in ({"n:", "s:"}, {"d:", "s:"}):
        return False
    try:
        return D(a[2:]) == D(b[2:])
    except Exception:
        return False
UNSET_NUMBERS = {num(D(2**31 - 1)), num(D(repr(sys.float_info.max)))}

# Where the official decoder gives None and we give the unset sentinel of
# the field's type: tickOptionComputation's tickAttrib and its values'
# "not computed" markers (by argument position), and a protobuf volume
# condition without its volume. Nowhere else.
NONE_IS_UNSET = re.compile(r"^(tickOptionComputation\[([2-9]|10)\]"
                           r"|(openOrder|completedOrder)\[\d\]\.conditions\[\d+\]\.volume)$")

# Attributes of 10.51.1's objects that 10.37.2's lack (the order parameters
# of server versions 216-226, the contract details of its protobuf form): on
# our side only, when 10.37.2 decodes a text frame, and then with their
# defaults.
NEWER_ATTRIBUTES = {"deactivate", "postonly", "allowpreopen", "ignoreopenauction",
                    "seekpriceimprovement", "whatiftype", "hedgemaxsize",
                    "conditionsincludeovernight", "slorderid", "slordertype",
                    "ptorderid", "ptordertype", "minalgosize", "lastpriceprecision",
                    "lastsizeprecision", "eventcontract1", "eventcontractdescription1",
                    "eventcontractdescription2", "settlementmethod"}
NEWER_DEFAULTS = (None, "n:0", "n:2147483647", "s:", "UNSET_DECIMAL")

# The lists that travel as protobuf maps, and whether the frame being
# compared is protobuf (set per frame by main).
MAP_LISTS = re.compile(r"\.(secidlist|algoparams|smartcomboroutingparams|ordermiscoptions)$")
FROM_PROTOBUF = [False]
INELIGIBILITY_TEXT = re.compile(r"\.ineligibilityreasonlist\[\d+\]\.(id|description)$")

# The verify flag, which the official decoder leaves as text.
VERIFY_FLAG = re.compile(r"^verify(AndAuth)?Completed\[0\]$")

# Where the official protobuf decoders hand a number over as the proto's
# text, or a text field as a float: orderStatus's filled and remaining,
# Order.totalQuantity, OrderState.initMarginBefore. There a number and its
# text are equal when their values are; everywhere else "007" is not 7.
NUMBER_AS_TEXT = re.compile(
    r"^(orderStatus\[[23]\]|openOrder\[\d+\]\.(totalquantity|initmarginbefore))$")


def differences(official, ours, path):
    """Where `ours` does not match `official` (official keys must all match)."""
    # An empty protobuf message (openOrdersEnd): its Debug is its type name.
    if official == {} and isinstance(ours, str) and ours.startswith("s:"):
        return []
    if official is None and ours == []:
        return []  # an official None list is our empty Vec (model/mod.rs)
    if isinstance(official, dict) and "$set" in official:
        # Ours is a list: the same values, each once (the client drops the
        # repeats the official decoder's set drops).
        def plain(v):
            return float(v[2:]) if isinstance(v, str) and v[:2] in ("d:", "n:") else v
        if not isinstance(ours, list) or \
                sorted(map(plain, ours), key=repr) != sorted(map(plain, official["$set"]), key=repr):
            return [f"{path}: official set {official['$set']!r}, ours {ours!r} "
                    f"(repeats are not dropped on our side, or the values differ)"]
        return []
    if isinstance(official, dict):
        if not isinstance(ours, dict):
            return [f"{path}: official {official!r}, ours {ours!r}"]
        # Every attribute of ours is one the official object has too: a field
        # only ours has would go unchecked.
        out = [f"{path}.{k}: only on our side ({ours[k]!r})" for k in ours
               if k not in official
               and not (k in NEWER_ATTRIBUTES and ours[k] in NEWER_DEFAULTS)]
        for k, v in official.items():
            if k not in ours:
                out.append(f"{path}.{k}: missing on our side (official {v!r})")
            else:
                out.extend(differences(v, ours[k], f"{path}.{k}"))
        return out
    if isinstance(official, list):
        # An order condition of a type TWS does not define (a random frame):
        # the official protobuf decoder appends the previous condition again
        # (its loop variable is left over); ours leaves it out.
        if RANDOM and path.endswith(".conditions") and isinstance(ours, list) \
                and len(official) > len(ours):
            official = [c for i, c in enumerate(official) if i == 0 or c != official[i - 1]]
        if not isinstance(ours, list) or len(ours) != len(official):
            return [f"{path}: official {official!r}, ours {ours!r}"]
        # A list that was a protobuf map: protobuf leaves the order of its
        # entries open (ours are in key order), so compared without order.
        if FROM_PROTOBUF[0] and MAP_LISTS.search(path):
            official = sorted(official, key=repr)
            ours = sorted(ours, key=repr)
        out = []
        for i, (a, b) in enumerate(zip(official, ours)):
            out.extend(differences(a, b, f"{path}[{i}]"))
        return out
    if official == "s:" and ours is None:
        return []
    # A value the official decoder gives as None (tickOptionComputation's
    # not-computed markers, its tickAttrib before server version 156) is the
    # unset sentinel of its type on our side (UNSET_DOUBLE, UNSET_INTEGER).
    if official is None and isinstance(ours, str) and ours in UNSET_NUMBERS \
            and NONE_IS_UNSET.match(path):
        return []
    # A list the official client leaves None is an empty Vec here (the model's
    # convention; the official client treats both alike).
    if official is None and ours == []:
        return []
    # Likewise a text attribute the official class leaves as None (the
    # condition classes' defaults) is an empty String here.
    if official is None and ours == "s:":
        return []
    # evMultiplier: a double in the protobuf form, an integer in the text
    # form and here (docs/contracts.md); a double no i32 holds (a fraction,
    # out of range, NaN, infinite) is cast, as Rust casts.
    if path.endswith(".evmultiplier") and isinstance(official, str) \
            and official[:2] in ("d:", "f:", "n:") and isinstance(ours, str) and ours.startswith("n:"):
        try:
            v = float(official[2:])
        except ValueError:
            v = None
        fits_i32 = v is not None and math.isfinite(v) and v == int(v) and -2**31 <= v < 2**31
        if v is not None and not fits_i32:
            return []
    # An ineligibility reason without its id or description in a protobuf
    # frame: the official class keeps str(None), "None"; ours is empty.
    if official == "s:None" and ours == "s:" and INELIGIBILITY_TEXT.search(path):
        return []
    # routeMarketableToBbo: 10.51.1's Order leaves it None until a message
    # sets it (a tri-state int there); ours is a bool whose false is the
    # same "not asked" (docs/orders.md).
    if path.endswith(".routemarketabletobbo"):
        if official is None and ours == "n:0":
            return []
        # A set value: 10.51.1 keeps the proto's int, ours the bool it
        # stands for (any non-zero int is true).
        if isinstance(official, str) and official.startswith("n:") \
                and (official != "n:0") == (ours == "n:1"):
            return []
    # seekPriceImprovement: 10.51.1 keeps the proto's int; ours is the
    # Option<bool> it stands for (any non-zero int is true).
    if path.endswith(".seekpriceimprovement") and isinstance(official, str) \
            and official.startswith("n:"):
        if (official != "n:0") == (ours == "n:1"):
            return []
    # The official protobuf decoders hand some numbers over as the proto's
    # text (orderStatus filled/remaining, Order.totalQuantity, Decimal-typed
    # in the API) and one text field as a float (OrderState.initMarginBefore):
    # a number and its text are equal when their values are.
    if same_number(official, ours) and NUMBER_AS_TEXT.match(path):
        return []
    if isinstance(official, str) and official.startswith("d:") and \
            isinstance(ours, str) and ours.startswith("n:"):
        try:
            if float(official[2:]) == float(ours[2:]):
                return []
        except ValueError:
            pass
        return [f"{path}: official {official!r}, ours {ours!r}"]
    # verifyCompleted / verifyAndAuthCompleted: the official decoder passes
    # the flag as the text TWS sent; ours is a bool, true exactly for "true".
    if VERIFY_FLAG.match(path) and isinstance(official, str) and official.startswith("s:"):
        if ours != ("n:1" if official == "s:true" else "n:0"):
            return [f"{path}: official {official!r}, ours {ours!r}"]
        return []
    # Text that reads "inf", "-inf" or "NaN": our recorder writes an infinite
    # or NaN float as that very text, so a string field holding it looks
    # like a float on our side.
    if official in ("s:inf", "s:-inf", "s:NaN", "s:nan") and ours == {
            "s:inf": "f:inf", "s:-inf": "f:-inf", "s:NaN": "f:nan", "s:nan": "f:nan"}[official]:
        return []
    # Where the official protobuf decoder hands the proto's text over as the
    # number (NUMBER_AS_TEXT), text that is no number reaches its callback as
    # it is; ours is a Decimal and cannot hold it: unset.
    if NUMBER_AS_TEXT.match(path) and isinstance(official, str) and official.startswith("s:") \
            and ours == "UNSET_DECIMAL":
        try:
            D(official[2:])
        except Exception:
            return []
    # usePriceMgmtAlgo: the official protobuf decoder keeps the proto's int;
    # ours is an Option<bool>, true for any value but 0.
    if path.endswith(".usepricemgmtalgo") and isinstance(official, str) and \
            official.startswith("n:") and ours in ("n:0", "n:1"):
        if ours == ("n:0" if official == "n:0" else "n:1"):
            return []
    # A NaN or infinite float the official decoder makes of the proto's text
    # (initMarginBefore) where ours keeps the text.
    if NUMBER_AS_TEXT.match(path) and official in ("f:nan", "f:inf", "f:-inf") and \
            isinstance(ours, str) and ours.startswith("s:"):
        try:
            x = float(ours[2:])
            if official == ("f:nan" if x != x else ("f:inf" if x > 0 else "f:-inf")):
                return []
        except ValueError:
            pass
    # The official OptionExerciseType's text for 100 is "Assigned " (a
    # trailing space, its typo); ours is "Assigned".
    if path.endswith("optexerciseorlapsetype[1]") and isinstance(official, str) \
            and isinstance(ours, str) and official.rstrip() == ours:
        return []
    # A field a random protobuf frame leaves out: the official object keeps
    # None there, ours the type's default (0, empty).
    if RANDOM and official is None and ours in ("n:0", "s:", "n:0.0"):
        return []
    # Raw UTF-8 text (not escaped, which is how TWS sends non-ASCII from
    # server version 153): the official decoder's unicode-escape turns each
    # byte into a character (mojibake); ours reads UTF-8. A documented
    # difference (docs/porting-from-python.md, "Escaped text").
    if isinstance(official, str) and isinstance(ours, str) and official[:2] == ours[:2] == "s:":
        try:
            if ours[2:].encode("utf-8").decode("latin-1") == official[2:]:
                return []
        except UnicodeError:
            pass
    if official != ours:
        return [f"{path}: official {official!r}, ours {ours!r}"]
    return []


def official_calls(sv, payload):
    rec = Recorder()
    decoder = Decoder(rec, sv)
    if sv >= 201:
        msg_id = int.from_bytes(payload[:4], "big")
        text = payload[4:]
    else:
        end = payload.index(b"\0")
        msg_id = int(payload[:end])
        text = payload[end + 1:]
    try:
        if msg_id > 200:
            decoder.processProtoBuf(text, msg_id - 200)
        else:
            decoder.interpret(comm.read_fields(text), msg_id)
    except Exception as exc:  # recorded: ours must not succeed where it fails
        rec.calls.append(("EXCEPTION", [type(exc).__name__]))
    return msg_id, rec.calls


BIG_OR_INFINITE = re.compile(
    r'not a valid number: "(-?(Infinity|inf|NaN|nan)|-?\d{10,}|[-+]?[\d.]+[eE][-+]?\d+)"')


def is_decode_error(call):
    return key(call[0]) == "error" and int(call[1][0]) == -1 and int(call[1][2]) in (505, 507, 508)


def random_verdict(official, ours):
    """How a random frame that does not decode alike is explained, if it is:
    None (compare as it is), "official raised" (it raised, ours decoded),
    "refused alike", or a value ours cannot hold where the official decoder
    took it: an infinite or NaN decimal, a decimal beyond rust_decimal's
    range (1e+300), an integer beyond its field's width (the official
    decoder's int() takes any size)."""
    if ours and is_decode_error(ours[-1]):
        text = str(ours[-1][1][3])
        if official and official[-1][0] == "EXCEPTION":
            # Both refuse. When the official decoder raised before its first
            # callback and ours delivered rows first, ours failed later in the
            # frame: it does not look at a message's version field (the
            # official decoder parses it in some handlers and skips it in
            # others), so garbage there costs ours nothing.
            if len(official) == 1:
                return "refused alike, the official decoder on the version field"
            return "refused alike"
        if BIG_OR_INFINITE.search(text):
            return "a value ours cannot hold (508)"
        return None
    if official and official[-1][0] == "EXCEPTION":
        return "official raised"
    return None


def _version(dist):
    import importlib.metadata
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


RANDOM = "--random" in sys.argv
# The official client this run decodes with (PYTHONPATH chooses it).
OFFICIAL_VERSION = next(
    (v for v in (_version("ibapi-latest") if "ibapi-10.51.1" in os.path.dirname(ibapi.__file__) else None,
                 _version("ibapi-stable")) if v), "?")


def main():
    random_frames = RANDOM
    argv = [a for a in sys.argv if a != "--random"]
    # --counts FILE: the callbacks compared by an earlier run on the other
    # form's frames (added before the minimum check) and, after this run,
    # the sum of both. --no-minimum: a first run, whose counts alone cannot
    # meet tests/differential/minimum.json.
    counts_path, check_minimum = None, True
    if "--counts" in argv:
        i = argv.index("--counts")
        counts_path = argv[i + 1]
        del argv[i:i + 2]
    if "--no-minimum" in argv:
        argv.remove("--no-minimum")
        check_minimum = False
    frames_path, ours_path = argv[1], argv[2]
    with open(frames_path) as f:
        frames = [line.split() for line in f if line.strip()]
    with open(ours_path) as f:
        ours_lines = [json.loads(line, parse_float=D, parse_int=D) for line in f if line.strip()]
    if len(frames) != len(ours_lines):
        print(f"{len(frames)} frames but {len(ours_lines)} lines of ours")
        return 1
    problems, by_message, n_calls = [], {}, 0
    official_raised, kinds = [], {}
    for i, ((sv, hexed), ours) in enumerate(zip(frames, ours_lines)):
        sv, payload = int(sv), bytes.fromhex(hexed)
        msg_id, official = official_calls(sv, payload)
        FROM_PROTOBUF[0] = msg_id > 200
        n_calls += len(official)
        for name, _ in official:
            by_message[name] = by_message.get(name, 0) + 1
        diffs = []
        if random_frames:
            verdict = random_verdict(official, ours)
            if verdict == "official raised":
                # The official decoder raised where ours decoded: ours is the
                # more robust one (a frame TWS would not send); counted.
                official_raised.append(f"frame {i} (message id {msg_id}): official "
                                       f"{official[-1][1][0]}, ours {[c[0] for c in ours]}")
                continue
            if verdict is not None:
                # Both stop at the same place; what came before must match.
                kinds.setdefault(verdict, []).append(f"frame {i} (message id {msg_id})")
                if verdict.startswith("refused alike, the official"):
                    continue
                official, ours = official[:len(ours) - 1], ours[:-1]
        if len(official) != len(ours):
            diffs.append(
                f"{len(official)} official callbacks {[n for n, _ in official]}, "
                f"ours {len(ours)} {[c[0] for c in ours]}")
        else:
            for (oname, oargs), (rname, rargs) in zip(official, ours):
                if key(oname) != key(rname):
                    diffs.append(f"callback official {oname}, ours {rname}")
                    continue
                diffs.extend(differences(canon_official(list(oargs)),
                                         canon_ours(rargs), oname))
        if diffs:
            problems.append(f"frame {i} (server version {sv}, message id {msg_id}, "
                            f"{hexed[:80]}{'...' if len(hexed) > 80 else ''}):\n    "
                            + "\n    ".join(diffs[:10]))
    # No callback may be compared fewer times than tests/differential/
    # minimum.json says: frames that silently stop reaching a message (a
    # domain's list shrinking, a version branch dropped) fail here. Raise a
    # minimum when frames are added; lower one only on purpose.
    this_run = dict(by_message)
    if counts_path and os.path.exists(counts_path):
        with open(counts_path) as f:
            for name, n in json.load(f).items():
                by_message[name] = by_message.get(name, 0) + n
    if counts_path:
        with open(counts_path, "w") as f:
            json.dump(by_message, f)
    minimum_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "minimum.json")
    with open(minimum_path) as f:
        minimum = json.load(f) if check_minimum and not random_frames else {}
    for name, least in sorted(minimum.items()):
        got = by_message.get(name, 0)
        if got < least:
            problems.append(f"{name}: {got} callbacks compared, fewer than the minimum {least} "
                            f"(tests/differential/minimum.json)")
    print(f"differential: {len(frames)} frames, {n_calls} official callbacks, "
          f"{len(problems)} frames differ (ibapi {getattr(ibapi, '__version__', '?')})")
    print("  callbacks compared: " + ", ".join(f"{k} {v}" for k, v in sorted(this_run.items())))
    for kind, where in sorted(kinds.items()):
        print(f"  {kind}: {len(where)} frames, e.g. " + ", ".join(where[:4]))
    if official_raised:
        print(f"  the official decoder raised on {len(official_raised)} frames ours decoded, e.g.: "
              + "; ".join(official_raised[:3]))
    for p in problems[:50]:
        print(p)
    # For tools/coverage.py: which callbacks the last run compared.
    cov = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "target", "coverage")
    try:
        if random_frames:
            raise OSError("random frames: not the coverage of the harness")
        os.makedirs(cov, exist_ok=True)
        # This run's callbacks, by the official client that compared them
        # (tools/coverage.py's column per version), and after the last run
        # of the harness the callbacks of both.
        with open(os.path.join(cov, f"differential-{OFFICIAL_VERSION}.json"), "w") as f:
            json.dump(this_run, f, indent=1, sort_keys=True)
        if check_minimum:
            with open(os.path.join(cov, "differential.json"), "w") as f:
                json.dump(by_message, f, indent=1, sort_keys=True)
    except OSError:
        pass
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
