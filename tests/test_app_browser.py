"""The live dashboard in a real browser (Debian Chromium via Playwright), in both languages.

``netsustain app --lang L`` serves it on a free port. At 1280x720 and 1920x1080 the page is
checked against the projector rules: tick labels and every other text at least 14 CSS px as
drawn, the title whole, every slider's value written with its unit the language's way, no empty
plot at month 0, the controls in the page's language, numbers written one way, and no request to
another host (every request is routed; anything not for the dashboard's own server is aborted
and recorded). Step, a slider and Reset are driven; Play must run the whole horizon. Screenshots
and the Play measurement are kept in results/browser/.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from urllib.parse import urlsplit

import pytest
from browser_helpers import (
    FOREIGN_NUMBER,
    TEXT_SIZES_JS,
    artefact,
    launch,
    pixel_spread,
    unavailable,
)
from playwright.sync_api import expect, sync_playwright

from experiments.cli.app import missing_assets
from experiments.dashboard.live import HORIZON, DashboardModel
from experiments.dashboard.settings import SETTINGS, value_text
from experiments.i18n import number, t

START_TIMEOUT = 90  # seconds for Solara to import Mesa and start serving
# The first page of a fresh server imports the page and loads the compiled month (seconds on a
# busy two-core machine); later checks wait for a server round trip, which the same load slows.
LOAD_TIMEOUT_MS = 90_000
expect.set_options(timeout=20_000)
SIZES = [(1280, 720), (1920, 1080)]
MIN_TEXT_PX = 14
# Play is designed to take HORIZON / 12 = 10 s. The acceptance figure is 15 s; the test allows
# twice that because the browser, the server and the test share two cores with other work, and
# it writes the measured figure to results/browser/play-<lang>.json.
PLAY_LIMIT_SECONDS = 30
MIN_PICTURES = 10  # Play shows the run growing, at least about once a model year
MESA_ENGLISH = ("Play Interval", "Render Interval", "Use Threads", "Model Parameters", "Step:")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module", params=["en", "da"])
def dashboard(request, tmp_path_factory):
    """(URL, language) of a running dashboard; the server is stopped afterwards."""
    if missing_assets():
        unavailable(
            f"Solara's browser files {missing_assets()} are missing; run "
            "`netsustain app --install-assets` once"
        )
    lang, port = request.param, free_port()
    log = (tmp_path_factory.mktemp(f"app-{lang}") / "server.log").open("w")
    cmd = [sys.executable, "-m", "experiments.cli", "app", "--port", str(port), "--no-open"]
    cmd += ["--lang", lang]
    server = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            assert server.poll() is None, f"netsustain app exited with {server.returncode}"
            assert time.monotonic() < deadline, f"dashboard not up after {START_TIMEOUT} s"
            time.sleep(0.5)
        yield url, lang
    finally:
        os.kill(server.pid, signal.SIGTERM)  # the command stops its server (test_dashboard_stop)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)  # the group of the command this fixture started
            server.wait()
        log.close()


class Guard:
    """Routes every request: the dashboard's own host passes, anything else is aborted."""

    def __init__(self, url: str):
        self.host = urlsplit(url).netloc
        self.asked, self.aborted, self.sockets = [], [], []

    def route(self, route):
        url = route.request.url
        self.asked.append(url)
        if urlsplit(url).netloc == self.host or url.startswith("data:"):
            route.continue_()
        else:
            self.aborted.append(url)
            route.abort()

    def foreign(self) -> list[str]:
        """Requests and web sockets to any other host."""
        return self.aborted + [u for u in self.sockets if urlsplit(u).netloc != self.host]


def open_page(browser, url: str, size: tuple[int, int], lang: str):
    """A page of the dashboard at ``size``, loaded (month 0 shown), with its request guard."""
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    page.set_default_timeout(LOAD_TIMEOUT_MS)
    guard = Guard(url)
    page.route("**/*", guard.route)
    page.on("websocket", lambda ws: guard.sockets.append(ws.url))
    page.goto(url)
    expect(page.locator(".ns-month")).to_have_text(month_of(0, lang), timeout=LOAD_TIMEOUT_MS)
    expect(page.locator("svg.ns-plot")).to_have_count(2)
    return page, guard


def month_of(month: int, lang: str) -> str:
    return t("dashboard.month_of", lang, month=number(month, lang), horizon=number(HORIZON, lang))


def all_text(page) -> str:
    return " ".join(text for _, text, _ in page.evaluate(TEXT_SIZES_JS))


@pytest.fixture
def browser():
    with sync_playwright() as p:
        chromium = launch(p)
        try:
            yield chromium
        finally:
            chromium.close()


def check_projector_rules(page, lang: str) -> None:
    """Text sizes, the title, slider values, no empty plot, the language's controls and numbers."""
    sizes = page.evaluate(TEXT_SIZES_JS)
    ticks = [px for px, _, cls in sizes if "ns-tick" in cls]
    assert len(ticks) >= 2 * (6 + 4)  # two panels: six month ticks and at least four on y
    assert min(ticks) >= MIN_TEXT_PX, f"tick labels of {min(ticks):.1f} px"
    small = [(round(px, 1), text) for px, text, _ in sizes if px < MIN_TEXT_PX]
    assert small == [], f"texts under {MIN_TEXT_PX} px: {small}"

    expect(page.locator(".v-toolbar-title")).to_have_text(t("dashboard.title", lang))
    cut = page.evaluate(
        """() => [...document.querySelectorAll('.v-toolbar-title, .v-toolbar-title *')]
             .filter(e => e.scrollWidth > e.clientWidth + 1
                       || e.getBoundingClientRect().right > window.innerWidth).length"""
    )
    assert cut == 0, "the title is cut"

    expect(page.locator(".ns-setting [role=slider]")).to_have_count(len(SETTINGS))
    for name in SETTINGS:
        setting = page.locator(f".ns-setting-{name}")
        value = float(setting.get_by_role("slider").get_attribute("aria-valuenow"))
        expect(setting.locator(".ns-setting-value")).to_have_text(value_text(name, value, lang))
        expect(setting.locator(".ns-setting-value")).to_be_in_viewport()

    drawn = page.evaluate(
        """() => [...document.querySelectorAll('svg.ns-plot')].map(svg =>
             [...svg.querySelectorAll('polyline')]
               .filter(p => p.getAttribute('points').trim().split(/\\s+/).length > 1).length
             + svg.querySelectorAll('circle').length)"""
    )
    assert drawn and min(drawn) >= 1, f"an empty plot: lines or dots per plot {drawn}"

    buttons = sorted(b.strip().lower() for b in page.locator("button").all_inner_texts() if b)
    expected = sorted(t(f"dashboard.{key}", lang).lower() for key in ("reset", "play", "step"))
    assert buttons == expected
    text = " ".join(text for _, text, _ in sizes)
    assert not [word for word in MESA_ENGLISH if word in text]
    if lang == "da":
        english = re.findall(r"\b(Reset|Play|Step|Month|Baseline|Your settings)\b", text)
        assert english == [], english
    assert not FOREIGN_NUMBER[lang].findall(text), FOREIGN_NUMBER[lang].findall(text)
    assert re.search(r"\d\.\d{3}" if lang == "da" else r"\d,\d{3}", text)  # thousands


@pytest.mark.browser
def test_projector_rules_hold_at_both_sizes_from_the_first_picture(dashboard, browser):
    url, lang = dashboard
    page, guard = open_page(browser, url, SIZES[0], lang)
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(300)
        png = page.screenshot(path=artefact(f"dashboard-{lang}-{width}x{height}-month0.png"))
        assert pixel_spread(png) > 20
        check_projector_rules(page, lang)
    assert guard.asked and guard.foreign() == [], f"other hosts asked: {guard.foreign()}"
    page.evaluate("() => fetch('http://example.invalid/x.png').catch(() => null)")
    page.wait_for_timeout(300)
    assert guard.aborted == ["http://example.invalid/x.png"]  # the guard does catch one
    page.close()


@pytest.mark.browser
def test_step_a_slider_reset_and_play(dashboard, browser):
    """Step, a slider (at once, at the month shown), Reset; then Play runs the whole horizon."""
    url, lang = dashboard
    page, guard = open_page(browser, url, SIZES[0], lang)
    month = page.locator(".ns-month")
    step = page.get_by_role("button", name=t("dashboard.step", lang))
    step.click()
    expect(month).to_have_text(month_of(1, lang))
    step.click()
    expect(month).to_have_text(month_of(2, lang))
    setting = page.locator(".ns-setting-programme_months")
    slider = setting.get_by_role("slider")
    slider.focus()
    slider.press("ArrowRight")
    slider.press("ArrowRight")
    expect(slider).to_have_attribute("aria-valuenow", "38")
    new_end = value_text("programme_months", 38, lang)
    expect(setting.locator(".ns-setting-value")).to_have_text(new_end)
    facts = page.locator(".ns-facts")
    expect(facts.first).to_contain_text(new_end)  # your run, rebuilt at once
    expect(facts.last).to_contain_text(value_text("programme_months", 36, lang))  # baseline
    expect(month).to_have_text(month_of(2, lang))
    slider.press("ArrowLeft")
    slider.press("ArrowLeft")
    expect(facts.first).to_contain_text(value_text("programme_months", 36, lang))
    page.get_by_role("button", name=t("dashboard.reset", lang)).click()
    expect(month).to_have_text(month_of(0, lang))

    page.evaluate(
        """() => { window.shown = [];
             const month = document.querySelector('.ns-month');
             new MutationObserver(() => window.shown.push(month.textContent)).observe(
               month, {childList: true, subtree: true, characterData: true}); }"""
    )
    play = page.get_by_role("button", name=t("dashboard.play", lang))
    started = time.monotonic()
    play.click()
    expect(month).to_have_text(month_of(HORIZON, lang), timeout=120_000)
    seconds = time.monotonic() - started
    pictures = len(set(page.evaluate("() => window.shown")))
    measured = {"lang": lang, "seconds": round(seconds, 2), "pictures": pictures}
    artefact(f"play-{lang}.json").write_text(json.dumps(measured) + "\n")
    print(f"\nPlay, {HORIZON} months ({lang}): {seconds:.1f} s, {pictures} pictures")
    assert seconds < PLAY_LIMIT_SECONDS and pictures >= MIN_PICTURES, measured

    expect(page.get_by_role("button", name=t("dashboard.play", lang))).to_be_disabled()
    model = DashboardModel()
    model.run_model()
    last = model.timeseries().iloc[-1]
    for column in ("networks_alive", "members"):
        cells = page.locator(f'td[data-monitor="{column}"]')
        expect(cells).to_have_text([number(last[column], lang)] * 2)  # same settings, same run
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(300)
        page.screenshot(path=artefact(f"dashboard-{lang}-{width}x{height}-month{HORIZON}.png"))
        check_projector_rules(page, lang)
    assert guard.foreign() == []
    page.close()
