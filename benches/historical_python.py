#!/usr/bin/env python3
"""The official Python client (ibapi 10.37.2) decoding one historicalData
answer of 100,000 bars: the same frame as `cargo bench --bench historical`,
decoded with the official Decoder into a wrapper that does what the Rust
bench's does (sum the closes). Prints the time and the peak memory the
decoding takes (tracemalloc).

    python3 benches/historical_python.py [--bars 100000] [--runs 5]
    PYTHONPATH=.python/ibapi-10.51.1 python3 benches/historical_python.py --protobuf

With --protobuf (ibapi-latest 10.51.1, server version 222) the frame is the
protobuf form, decoded by its processProtoBuf.
"""
import argparse
import time
import tracemalloc

from ibapi import comm
from ibapi.decoder import Decoder
from ibapi.message import IN
from ibapi.wrapper import EWrapper


class Sink(EWrapper):
    def __init__(self):
        super().__init__()
        self.close = 0.0
        self.n = 0

    def historicalData(self, reqId, bar):
        self.close += bar.close
        self.n += 1


def fields(bars):
    """The frame's text after the message id, as the Rust bench encodes it
    (server version 203: no start/end in the message)."""
    out = ["1", str(bars)]
    for i in range(bars):
        k = i % 100
        out += [
            str(1_704_067_200 + 60 * i),
            repr(187.25 + k * 0.01),
            repr(187.5 + k * 0.01),
            repr(187.0 + k * 0.01),
            repr(187.3 + k * 0.01),
            str(100 + i % 900),
            f"{(1_872_512 + k) / 10_000:.4f}",
            "42",
        ]
    return ("\0".join(out) + "\0").encode()


def protobuf_body(bars):
    """The protobuf form of the same bars (10.51.1's HistoricalData)."""
    from ibapi.protobuf.HistoricalData_pb2 import HistoricalData
    m = HistoricalData()
    m.reqId = 1
    for i in range(bars):
        k = i % 100
        b = m.historicalDataBars.add()
        b.date = str(1_704_067_200 + 60 * i)
        b.open = 187.25 + k * 0.01
        b.high = 187.5 + k * 0.01
        b.low = 187.0 + k * 0.01
        b.close = 187.3 + k * 0.01
        b.volume = str(100 + i % 900)
        b.WAP = f"{(1_872_512 + k) / 10_000:.4f}"
        b.barCount = 42
    return m.SerializeToString()


def main_protobuf(args):
    body = protobuf_body(args.bars)
    print(f"historicalData protobuf body: {args.bars} bars, {len(body)} bytes")
    best = None
    for _ in range(args.runs):
        sink = Sink()
        decoder = Decoder(sink, 222)
        t0 = time.perf_counter()
        decoder.processProtoBuf(body, IN.HISTORICAL_DATA)
        dt = time.perf_counter() - t0
        assert sink.n == args.bars
        best = dt if best is None else min(best, dt)
    print(f"official client 10.51.1 (protobuf, 222): best of {args.runs}: {best * 1e3:.1f} ms "
          f"({args.bars / best:,.0f} bars/s)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bars", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--protobuf", action="store_true")
    args = ap.parse_args()
    if args.protobuf:
        return main_protobuf(args)
    text = fields(args.bars)
    print(f"historicalData frame: {args.bars} bars, {len(text)} bytes")
    best = None
    for _ in range(args.runs):
        sink = Sink()
        decoder = Decoder(sink, 203)
        t0 = time.perf_counter()
        decoder.interpret(comm.read_fields(text), IN.HISTORICAL_DATA)
        dt = time.perf_counter() - t0
        assert sink.n == args.bars
        best = dt if best is None else min(best, dt)
    sink = Sink()
    decoder = Decoder(sink, 203)
    tracemalloc.start()
    decoder.interpret(comm.read_fields(text), IN.HISTORICAL_DATA)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"official client: best of {args.runs}: {best * 1e3:.1f} ms "
          f"({args.bars / best:,.0f} bars/s), peak {peak / 1e6:.1f} MB while decoding")


if __name__ == "__main__":
    main()
