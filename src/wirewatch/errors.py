"""The exception tree. Every message says what happened and what to do next.

::

    WirewatchError                  anything wirewatch raises on purpose (CLI exit 1)
    ├── SettingsError               a setting or settings file is wrong
    ├── PipelineError               stages do not fit together (checked before any article runs)
    ├── ModelError                  the spaCy model cannot be loaded
    ├── StoreError                  the database cannot be opened or written
    └── InputError                  one input cannot become an article (recorded, run goes on)
        ├── ReadError               cannot read or fetch it (missing, unreachable, too big)
        ├── FormatError             not what it claims (binary, bad UTF-8, broken JSON/CSV/HTML)
        └── ContentError            it reads, but holds no usable article (empty, not English)

Stage code raises ``StageError`` (also an ``InputError``) for one article; the run records
it as a failure of that article and goes on with the rest.
"""

from __future__ import annotations


class WirewatchError(Exception):
    """Base of every error wirewatch raises on purpose."""


class SettingsError(WirewatchError):
    """A setting, option or settings file is invalid."""


class PipelineError(WirewatchError):
    """The stages of a pipeline do not fit together."""


class ModelError(WirewatchError):
    """The spaCy pipeline cannot be loaded."""


class StoreError(WirewatchError):
    """The store cannot be opened, created or written."""


class InputError(WirewatchError):
    """One input cannot become a stored article. ``stage`` names where it failed."""

    stage = "read"


class ReadError(InputError):
    """The input cannot be read or fetched."""


class FormatError(InputError):
    """The input is not in the format it claims (or any format wirewatch reads)."""

    stage = "ingest"


class ContentError(InputError):
    """The input reads fine but holds no article wirewatch can use."""

    stage = "ingest"


class StageError(InputError):
    """A stage failed on one article."""

    def __init__(self, stage: str, message: str) -> None:
        super().__init__(message)
        self.stage = stage
