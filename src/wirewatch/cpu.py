"""The CPU wirewatch runs on: pick blis's matrix kernel from the CPU's flags, before blis loads.

Why: spaCy multiplies its matrices with blis (through thinc), and blis picks its kernel at
start-up from the CPU's vendor and family. blis 1.0.2 knows Intel CPUs by their flags but AMD
CPUs by their family number only; on a family it does not know (the Zen 5 machine of issue
15) it falls back to its generic C kernel and the parse runs 1.8x slower. Forcing a kernel the
CPU lacks kills the process (illegal instruction), so the choice follows the flags it needs.

blis reads ``BLIS_ARCH_TYPE`` once, when its library initialises (on ``import blis.cy``, which
importing spaCy or thinc does), so ``choose`` must run before that: ``wirewatch/__init__``
calls it first. The user's own ``BLIS_ARCH_TYPE`` always wins; Intel CPUs are left to blis,
whose own choice there also weighs the number of FMA units; outside Linux on x86-64 nothing is
touched. ``kernel()`` says what was chosen, for reports and benchmarks.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path

VARIABLE = "BLIS_ARCH_TYPE"
#: Set beside VARIABLE when wirewatch chose it, so that child processes (workers, tests) that
#: inherit both know the choice was not the user's.
MARK = "WIREWATCH_BLIS_KERNEL"
CPUINFO = Path("/proc/cpuinfo")

#: blis 1.0's sub-configuration ids (its ``arch_t`` enum; thinc 8.3 pins blis 1.0.x), checked
#: against the installed library by tests/test_cpu.py.
IDS = {"skx": 0, "haswell": 3, "generic": 25}

#: Best first: the kernel and every CPU flag its code uses (blis's own checks, bli_cpuid.c).
KERNELS = (
    ("skx", frozenset({"avx", "fma", "avx2", "avx512f", "avx512dq", "avx512bw", "avx512vl"})),
    ("haswell", frozenset({"avx", "fma", "avx2"})),
)


@dataclass(frozen=True)
class Choice:
    """What ``choose`` did: the kernel it set (None: left to blis or the user) and why."""

    kernel: str | None
    reason: str


_made: Choice | None = None


def best(flags: frozenset[str] | set[str], vendor: str) -> str | None:
    """The fastest kernel these flags can run, or None to leave the choice to blis."""
    if vendor == "GenuineIntel":
        return None  # blis detects Intel CPUs by their flags and FMA units already
    for name, needs in KERNELS:
        if needs <= flags:
            return name
    return None


def read_cpu(path: Path = CPUINFO) -> tuple[str, frozenset[str]] | None:
    """The vendor and flags of the first CPU in a Linux ``/proc/cpuinfo``; None if unreadable."""
    vendor = ""
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            for line in handle:
                key, _, value = line.partition(":")
                key = key.strip()
                if key == "vendor_id":
                    vendor = value.strip()
                elif key == "flags":
                    return vendor, frozenset(value.split())
    except OSError:
        return None
    return None


def choose(
    environ: MutableMapping[str, str] = os.environ,
    path: Path = CPUINFO,
    loaded: bool | None = None,
) -> Choice:
    """Set ``BLIS_ARCH_TYPE`` in ``environ`` to the best kernel the CPU has, when nothing forbids.

    ``loaded`` (default: whether ``blis`` is imported) means blis has already chosen: too late.
    Child processes inherit ``environ``, so workers run the same kernel.
    """
    global _made
    if loaded is None:
        loaded = "blis" in sys.modules
    _made = _decide(environ, path, loaded)
    if _made.kernel is not None:
        environ[VARIABLE] = environ[MARK] = str(IDS[_made.kernel])
    return _made


def _decide(environ: Mapping[str, str], path: Path, loaded: bool) -> Choice:
    if VARIABLE in environ:
        inherited = [n for n, i in IDS.items() if environ.get(MARK) == environ[VARIABLE] == str(i)]
        if inherited:
            return Choice(inherited[0], "from the CPU's flags")
        return Choice(None, f"{VARIABLE}={environ[VARIABLE]} set by the user")
    if loaded:
        return Choice(None, "blis's own choice: blis was loaded before wirewatch")
    if not sys.platform.startswith("linux") or os.uname().machine != "x86_64":
        return Choice(None, "blis's own choice: not Linux on x86-64")
    cpu = read_cpu(path)
    if cpu is None:
        return Choice(None, f"blis's own choice: {path} gives no CPU flags")
    vendor, flags = cpu
    name = best(flags, vendor)
    if name is None:
        return Choice(None, f"blis's own choice ({vendor or 'unknown vendor'})")
    return Choice(name, "from the CPU's flags")


def active() -> str | None:
    """The kernel blis runs (its sub-configuration name), or None if blis is not loaded yet."""
    module = sys.modules.get("blis.cy")
    path = getattr(module, "__file__", None)
    if not path:
        return None
    import ctypes

    library = ctypes.CDLL(path)  # already loaded: the same handle, initialised on import
    library.bli_arch_query_id.restype = ctypes.c_int
    library.bli_arch_string.restype = ctypes.c_char_p
    library.bli_arch_string.argtypes = [ctypes.c_int]
    name: bytes = library.bli_arch_string(library.bli_arch_query_id())
    return name.decode("ascii")


def kernel() -> str:
    """A short description of the matrix kernel, e.g. ``skx (from the CPU's flags)``."""
    made = _made or _decide(os.environ, CPUINFO, "blis" in sys.modules)
    name = active() or made.kernel or "not loaded yet"
    return f"{name} ({made.reason})"
