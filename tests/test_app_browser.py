"""The live dashboard in a real browser: ``netsustain app`` serves it, Step and Reset work.

The server runs as ``netsustain app --port N --no-open`` in its own process group on a free port
and is stopped by that group's id after the tests.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from browser_helpers import launch, pixel_spread, unavailable
from playwright.sync_api import expect, sync_playwright

from experiments.cli.app import missing_assets

START_TIMEOUT = 90  # seconds for Solara to import Mesa and start serving


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory):
    """URL of a running dashboard; the server is stopped afterwards."""
    if missing_assets():
        unavailable(
            f"Solara's browser files {missing_assets()} are missing; run "
            "`netsustain app --install-assets` once"
        )
    port = free_port()
    log = (tmp_path_factory.mktemp("app") / "server.log").open("w")
    cmd = [sys.executable, "-m", "experiments.cli", "app", "--port", str(port), "--no-open"]
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
        yield url
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # the group of the server this fixture started
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


@pytest.fixture
def page(dashboard):
    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(60_000)
            page.goto(dashboard)
            expect(page.get_by_text("Step: 0")).to_be_visible()
            yield page
        finally:
            browser.close()


@pytest.mark.browser
def test_dashboard_loads_and_step_advances_the_counter(page):
    facts = page.locator(".netsustain-facts")
    expect(facts).to_contain_text("Month 0 of 120")
    assert page.locator("img").count() >= 2  # the live series and the network view
    page.get_by_role("button", name="Step").click()
    expect(page.get_by_text("Step: 1")).to_be_visible()
    expect(facts).to_contain_text("Month 1 of 120")
    page.get_by_role("button", name="Step").click()
    expect(page.get_by_text("Step: 2")).to_be_visible()
    assert pixel_spread(page.screenshot()) > 20


@pytest.mark.browser
def test_slider_then_reset_rebuilds_the_model_with_the_new_value(page):
    facts = page.locator(".netsustain-facts")
    expect(facts).to_contain_text("Funding ends after month 36")
    page.get_by_role("button", name="Step").click()
    expect(page.get_by_text("Step: 1")).to_be_visible()
    slider = page.locator(".v-input", has_text="Funding ends (month)").get_by_role("slider")
    slider.focus()
    slider.press("ArrowRight")
    slider.press("ArrowRight")
    expect(slider).to_have_attribute("aria-valuenow", "38")
    expect(facts).to_contain_text("Funding ends after month 36")  # applied only on Reset
    page.get_by_role("button", name="Reset").click()
    expect(facts).to_contain_text("Funding ends after month 38")
    expect(page.get_by_text("Step: 0")).to_be_visible()
    expect(facts).to_contain_text("Month 0 of 120")
