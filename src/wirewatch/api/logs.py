"""Server logs that never hold a token: ``Redact``, a filter for the log handlers of
``wirewatch serve``.

uvicorn's access log writes each request line with its query string, so ``?token=TOKEN``
would be written down in the clear; a traceback can quote a token too. The filter rewrites
the value of every ``token=`` query parameter (however its name is percent-encoded, right or
wrong token alike) and, anywhere, the server's own token as given or percent-encoded. It works
on the record's message, its arguments one by one (uvicorn's access formatter reads them by
position) and its traceback text.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import quote, quote_plus, unquote_plus

HIDDEN = "[hidden]"
PAIR = re.compile(r"(?P<key>[^\s?&;=\"'<>]+)=(?P<value>[^\s&;#\"'<>]*)")


class Redact(logging.Filter):
    """Hide tokens in every record that passes (it never drops one)."""

    def __init__(self, token: str | None = None) -> None:
        super().__init__()
        forms = {token, quote(token, safe=""), quote_plus(token)} if token else set()
        self.secrets = sorted(forms - {None, ""}, key=len, reverse=True)

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = self.clean(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(self._arg(a) for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {k: self._arg(v) for k, v in record.args.items()}
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.clean(record.exc_text)
        if record.stack_info:
            record.stack_info = self.clean(record.stack_info)
        return True

    def clean(self, text: str) -> str:
        """The text with token query values and the token itself hidden."""
        text = PAIR.sub(_hide_token_value, text)
        for secret in self.secrets:
            text = text.replace(secret, HIDDEN)
        return text

    def _arg(self, value: object) -> object:
        """Numbers stay numbers (``%d`` needs them); anything else is hidden in as text."""
        if value is None or isinstance(value, bool | int | float):
            return value
        text = value if isinstance(value, str) else str(value)
        cleaned = self.clean(text)
        return value if cleaned == text and not isinstance(value, str) else cleaned


def _hide_token_value(match: re.Match[str]) -> str:
    if unquote_plus(match["key"]).strip().lower() != "token":
        return match[0]
    return f"{match['key']}={HIDDEN}"
