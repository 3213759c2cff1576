"""wirewatch benchmarks: ``python -m bench TASK --data PATH [--limit N]`` from the repo root."""
