"""``wirewatch serve``: the REST API and the web workspace over one database, on uvicorn.

Binds 127.0.0.1 by default; binding any other address needs a token, or the command refuses.
"""

from __future__ import annotations

import ipaddress
import json
from pathlib import Path
from typing import Any

import click

from wirewatch import settings, web
from wirewatch.cli.options import with_settings
from wirewatch.errors import SettingsError, StoreError


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_exposure(conf: settings.Settings) -> None:
    """Refuse to expose the database beyond this machine without a token."""
    if not is_loopback(conf.host) and not conf.token:
        raise SettingsError(
            f"refusing to serve on {conf.host} without a token: anyone who reaches that "
            "address could read the database. Set WIREWATCH_TOKEN (or give --token), or bind "
            "127.0.0.1."
        )


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@with_settings("db", "host", "port", "token")
@click.pass_context
def serve(ctx: click.Context, /, **given: Any) -> None:
    """Serve the REST API (/api, docs at /docs) and the web workspace over a database.

    Binds 127.0.0.1 unless told otherwise; any other address needs a token.

    Example: wirewatch serve --db wirewatch.db --port 8000
    """
    import uvicorn

    from wirewatch.api.app import create_app

    conf = settings.load(given, config=ctx.obj.get("config") if ctx.obj else None)
    check_exposure(conf)
    if "://" not in conf.db and not Path(conf.db).exists():
        raise StoreError(
            f"database {conf.db} does not exist; run 'wirewatch run ...' first or give --db."
        )
    app = create_app(conf.db, token=conf.token or None)
    host = f"[{conf.host}]" if ":" in conf.host else conf.host
    click.echo(f"Serving {conf.db} at http://{host}:{conf.port}/ (API docs: /docs)", err=True)
    if web.missing_assets():
        click.echo("Map, timeline and network need: python -m wirewatch.web.build", err=True)
    log_config = _log_config(conf.token or None)
    uvicorn.run(app, host=conf.host, port=conf.port, log_config=log_config)


def _log_config(token: str | None = None) -> dict[str, Any]:
    """uvicorn's logging with the access log on stderr (stdout is for data), and every
    handler behind a filter that hides tokens (``?token=`` is in each request line)."""
    from uvicorn.config import LOGGING_CONFIG

    config = json.loads(json.dumps(LOGGING_CONFIG))
    config["handlers"]["access"]["stream"] = "ext://sys.stderr"
    config["filters"] = {"redact": {"()": "wirewatch.api.logs.Redact", "token": token}}
    for handler in config["handlers"].values():
        handler["filters"] = ["redact"]
    config["root"] = {"handlers": ["default"], "level": "WARNING"}  # other loggers, filtered too
    return dict(config)
