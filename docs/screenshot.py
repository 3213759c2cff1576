"""Retake docs/screenshot.png (or another picture): the workspace on a database, in headless
Debian Chromium.

Usage: python docs/screenshot.py DB [HASH] [FILE]
e.g.   python docs/screenshot.py wirewatch.db '#/reader/33c6d9c9d145ec9f'
       python docs/screenshot.py wirewatch.db '#/map?country=UKR' screenshot-map.png
       python docs/screenshot.py wirewatch.db '#/network' screenshot-network.png
FILE is written beside this script.
"""

from __future__ import annotations

import sys
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from wirewatch.api.app import create_app
from wirewatch.web.chromium import CHROMIUM, FLAGS


def main(db: str, view: str = "#/events", name: str = "screenshot.png") -> None:
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=8765, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), args=list(FLAGS), headless=True,
            viewport={"width": 1400, "height": 860},
        )  # fmt: skip
        page = context.new_page()
        page.goto(f"http://127.0.0.1:8765/{view}")
        page.wait_for_function("() => document.body.dataset.ready")
        page.wait_for_load_state("networkidle")
        time.sleep(1.0)
        page.screenshot(path=str(Path(__file__).with_name(name)))
        context.close()
    server.should_exit = True
    thread.join(10)


if __name__ == "__main__":
    main(*sys.argv[1:])
