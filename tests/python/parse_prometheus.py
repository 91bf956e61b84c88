#!/usr/bin/env python3
"""Parses Prometheus text (stdin) with the Prometheus project's own Python
parser (prometheus_client.parser) and prints the families as JSON:
{"<name>": {"type": ..., "help": ..., "samples": [{"name", "labels", "value"}]}}.
A text the parser refuses makes it exit non-zero."""

import json
import sys

from prometheus_client.parser import text_string_to_metric_families


def main() -> None:
    text = sys.stdin.read()
    out = {}
    for family in text_string_to_metric_families(text):
        out[family.name] = {
            "type": family.type,
            "help": family.documentation,
            "samples": [
                {"name": s.name, "labels": dict(s.labels), "value": s.value}
                for s in family.samples
            ],
        }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
