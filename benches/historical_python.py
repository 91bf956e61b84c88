#!/usr/bin/env python3
"""The official Python client (ibapi 10.37.2) decoding one historicalData
answer of 100,000 bars: the same frame as `cargo bench --bench historical`,
decoded with the official Decoder into a wrapper that does what the Rust
bench's does (sum the closes). Prints the time and the peak memory the
decoding takes (tracemalloc).

    python3 benches/historical_python.py [--bars 100000] [--runs 5]
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bars", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
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
