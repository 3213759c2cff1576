"""Run one benchmark task: ``python -m bench TASK --data PATH [--limit N]``.

Every module in ``bench/`` that defines ``TASK`` (its name) and ``run(data, limit)`` is a task.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from types import ModuleType
from typing import Any

import bench


def tasks() -> dict[str, ModuleType]:
    found: dict[str, ModuleType] = {}
    for info in pkgutil.iter_modules(bench.__path__):
        if info.name.startswith("_") or info.name == "common":
            continue
        module = importlib.import_module(f"bench.{info.name}")
        name: Any = getattr(module, "TASK", None)
        if isinstance(name, str) and hasattr(module, "run"):
            found[name] = module
    return found


def main(argv: list[str] | None = None) -> int:
    known = tasks()
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("task", choices=sorted(known), help="which benchmark to run")
    parser.add_argument("--data", help="corpus to run on (default: the task's shared corpus)")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N items")
    args = parser.parse_args(argv)
    return int(known[args.task].run(data=args.data, limit=args.limit) or 0)


if __name__ == "__main__":
    sys.exit(main())
