"""The workshop report in a real browser (Debian Chromium via Playwright), in both languages.

The page must open from a file:// URL with every image decoded, look like something (a blank
page has no grey-level spread), and ask no host for anything: every request is routed and
anything but file:// and data: is aborted and recorded.
"""

from __future__ import annotations

import pytest
from browser_helpers import launch, pixel_spread
from playwright.sync_api import sync_playwright

from experiments.reports.workshop import build_report, figure_bytes, render_html
from experiments.scenarios.ensemble import run_scenarios

SMALL = {"horizon_months": 66, "n_companies": 1500}
LOCAL = ("file://", "data:")


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """report.html in English and Danish from two scenarios x two runs (small, quick runs)."""
    ensemble = run_scenarios(
        ["baseline", "taper"], replicates=2, seed=5, workers=1, overrides=SMALL
    )
    pages = {}
    for lang in ("en", "da"):
        report = build_report(ensemble, lang, {"replicates": 2, "seed": 5})
        images = {s.key: figure_bytes(s.figure, "png") for s in report.sections}
        path = tmp_path_factory.mktemp(lang) / "report.html"
        path.write_text(render_html(report, images), encoding="utf-8")
        pages[lang] = (path, len(report.sections))
    return pages


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "da"])
def test_report_opens_offline_with_every_image_and_no_foreign_request(reports, lang):
    path, n_sections = reports[lang]
    asked, aborted = [], []

    def guard(route):
        url = route.request.url
        asked.append(url)
        if url.startswith(LOCAL):
            route.continue_()
        else:
            aborted.append(url)
            route.abort()

    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.route("**/*", guard)
            page.goto(path.as_uri(), wait_until="load")
            widths = page.eval_on_selector_all(
                "img", "imgs => imgs.map(i => i.complete ? i.naturalWidth : 0)"
            )
            assert len(widths) == n_sections and min(widths) >= 1000  # decoded, slide-size
            spread = pixel_spread(page.screenshot(full_page=True))
            assert spread > 20, f"screenshot looks blank (grey-level sd {spread:.1f})"
            assert page.locator("html").get_attribute("lang") == lang
            body = page.locator("body").inner_text()
            assert asked and aborted == [], f"requests to other hosts: {aborted}"
            # the guard does catch a foreign request (so the check above can fail)
            page.evaluate("() => fetch('http://127.0.0.1:9/x.png').catch(() => null)")
            page.wait_for_timeout(300)
            assert aborted == ["http://127.0.0.1:9/x.png"]
        finally:
            browser.close()
    if lang == "da":
        for word in (
            "netværk",
            "virksomheder",
            "Vil de netværk I har skabt i SkanKomp-regi leve videre efter SkanKomp?",
            "Kørselsindstillinger",
            "mødtes",
            "å",
        ):
            assert word in body
        assert "networks" not in body and "Run settings" not in body
    else:
        assert "Will the networks you have created under SkanKomp live on" in body
        assert "netværk" not in body
