"""Install the page's third-party assets: ``python -m wirewatch.web.build``.

Runs ``npm ci`` (the versions pinned in package-lock.json, install scripts off) in this folder,
then copies the files the page loads, and their licences, into ``static/vendor/``, and builds
the map's layers there (``layers``: regions from Natural Earth, labels from the gazetteer). Both
``node_modules/`` and ``static/vendor/`` are git-ignored. Needs Node.js and npm; nothing else
is downloaded, and the page never reaches the network at run time.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from wirewatch.web import ASSETS, HERE, LICENSES, VENDOR, layers, missing_assets

MODULES = HERE / "node_modules"


def install() -> None:
    """npm ci with the lock file; raise SystemExit with what to do when npm is missing."""
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit(
            "wirewatch.web.build: npm is not installed; install Node.js and npm "
            "(Debian: apt-get install nodejs npm) and run it again."
        )
    command = [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"]
    subprocess.run(command, cwd=HERE, check=True)


def copy() -> list[Path]:
    """Copy the assets and licences from node_modules into static/vendor/; return them."""
    VENDOR.mkdir(parents=True, exist_ok=True)
    copied = []
    for name, source in ASSETS.items():
        copied.append(Path(shutil.copyfile(MODULES / source, VENDOR / name)))
    licences = VENDOR / "licenses"
    licences.mkdir(exist_ok=True)
    for package in LICENSES:
        found = sorted((MODULES / package).glob("*LICEN[CS]E*"))
        copied.append(Path(shutil.copyfile(found[0], licences / f"{package}.txt")))
    return copied


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--if-missing", action="store_true", help="do nothing when every asset is installed"
    )
    args = parser.parse_args(argv)
    if args.if_missing and not missing_assets():
        return 0
    install()
    copied = copy()
    copied += layers.build(MODULES, VENDOR)
    print(f"wirewatch.web.build: {len(copied)} files in {VENDOR}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
