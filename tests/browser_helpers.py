"""Shared by the browser tests: Debian's Chromium through Playwright, never a downloaded browser.

Under CI (``CI=true``) a missing /usr/bin/chromium fails the test; elsewhere it is skipped with the
reason, so a developer without Chromium can still run the rest of the suite. Screenshots and
measurements go to ``results/browser/`` (git-ignored output), kept after the run.
"""

from __future__ import annotations

import io
import os
import re
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
ARTEFACTS = Path(__file__).resolve().parents[1] / "results" / "browser"

# Numbers written the other language's way (as tests/test_i18n.py): in Danish text a comma
# before exactly three digits or a point before one or two; in English the reverse.
FOREIGN_NUMBER = {
    "da": re.compile(r"\d,\d{3}(?!\d)|\d\.\d{1,2}(?!\d)"),
    "en": re.compile(r"\d\.\d{3}(?!\d)|\d,\d{1,2}(?!\d)"),
}

# Every visible text on the page with its size in CSS px as drawn: the computed font size times
# the scale of the transforms above it (an SVG's viewBox scaling included). [px, text, classes]
TEXT_SIZES_JS = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!el || !node.textContent.trim()) continue;
    const style = getComputedStyle(el), box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') continue;
    let scale = 1;
    if (el instanceof SVGGraphicsElement) {
      const m = el.getScreenCTM();
      scale = Math.hypot(m.a, m.b);
    } else {
      for (let e = el; e; e = e.parentElement) {
        const t = getComputedStyle(e).transform;
        if (t && t !== 'none') { const m = new DOMMatrix(t); scale *= Math.hypot(m.a, m.b); }
      }
    }
    const cls = typeof el.className === 'string' ? el.className : el.className.baseVal;
    out.push([parseFloat(style.fontSize) * scale, node.textContent.trim(), cls]);
  }
  return out;
}"""


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


def artefact(name: str) -> Path:
    """A path under results/browser/ (created) for a screenshot or a measurement."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    return ARTEFACTS / name
