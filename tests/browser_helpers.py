"""Shared by the browser tests: Debian's Chromium through Playwright, never a downloaded browser.

Under CI (``CI=true``) a missing /usr/bin/chromium fails the test; elsewhere it is skipped with the
reason, so a developer without Chromium can still run the rest of the suite.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import numpy as np
import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def unavailable(reason: str) -> None:
    """Fail under CI, skip elsewhere."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: browser tests must run)")
    pytest.skip(reason)


def launch(playwright):
    """Headless Debian Chromium (fails under CI, skips elsewhere, when it is missing)."""
    if not CHROMIUM.exists():
        unavailable(f"{CHROMIUM} is missing; install it with apt-get install -y chromium")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)


def pixel_spread(png: bytes) -> float:
    """Standard deviation of the grey levels of a PNG screenshot (0 for a blank page)."""
    from PIL import Image

    grey = np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=float)
    return float(grey.std())
