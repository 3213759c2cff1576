"""Run one benchmark task: ``python -m bench TASK --data PATH [--limit N]``."""

from __future__ import annotations

import argparse
import importlib
import sys

TASKS = {
    "speed": "bench.speed",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("task", choices=sorted(TASKS), help="which benchmark to run")
    parser.add_argument("--data", help="corpus to run on (default: the task's shared corpus)")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N items")
    args = parser.parse_args(argv)
    module = importlib.import_module(TASKS[args.task])
    return int(module.run(data=args.data, limit=args.limit) or 0)


if __name__ == "__main__":
    sys.exit(main())
