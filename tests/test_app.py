"""The dashboard page and the ``app`` command without a browser (see tests/test_app_browser.py).

The page is rendered with Solara's own test renderer inside an ``AppLayout`` (as the server
does), so its buttons, sliders and seed box are driven as widgets.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time

import ipyvuetify as v
import pytest
import solara

from experiments.cli import main
from experiments.cli.app import (
    cdn_packages,
    check_port,
    group_alive,
    solara_command,
    stop_group,
)
from experiments.dashboard import app
from experiments.dashboard.live import DashboardModel


@solara.component
def Served():
    """The page inside the layout the Solara server gives it (title bar and sidebar)."""
    with solara.AppLayout():
        app.Page()


def render(monkeypatch, lang: str):
    monkeypatch.setattr(app, "LANG", lang)
    _, rc = solara.render(Served(), handle_error=False)
    return rc


def html_of(rc, cls: str) -> str:
    return rc.find(attributes={"class": cls}).widget.unsafe_innerHTML


def button(rc, label: str):
    return rc.find(v.Btn, children=[label]).widget


def test_step_a_slider_and_reset_drive_both_runs(monkeypatch):
    rc = render(monkeypatch, "en")
    assert html_of(rc, "ns-month") == "Month 0 of 120"
    for _ in range(3):
        button(rc, "Step").click()
    assert html_of(rc, "ns-month") == "Month 3 of 120"
    model = DashboardModel()
    for _ in range(3):
        model.step()
    members = f'<td data-monitor="members">{model.timeseries()["members"].iat[-1]}</td>'
    assert html_of(rc, "ns-monitors-box").count(members) == 2  # both runs, same settings
    funding_end = rc.find(v.Slider).widgets[0]
    funding_end.v_model = 30  # what dragging the slider does
    heads = rc.find(attributes={"class": "ns-setting-head"}).widgets
    assert "after month 30" in heads[0].unsafe_innerHTML
    views = html_of(rc, "ns-views")
    assert "Funding ends after month 30" in views and "Funding ends after month 36" in views
    assert html_of(rc, "ns-month") == "Month 3 of 120"  # applied at once, at the month shown
    button(rc, "Reset").click()
    assert html_of(rc, "ns-month") == "Month 0 of 120"
    assert "No networks yet" in html_of(rc, "ns-views")


def test_danish_page_has_danish_controls_and_refuses_a_bad_seed(monkeypatch):
    rc = render(monkeypatch, "da")
    labels = sorted(w.children[0] for w in rc.find(v.Btn).widgets if w.children)
    assert labels == ["Nulstil", "Trin", "▶ Afspil"]
    seed = rc.find(v.TextField).widget
    seed.v_model = "12x"
    seed.fire_event("focusout")  # the box reports its value when it loses focus
    field = rc.find(v.TextField).widget
    assert field.error and field.messages == ["Et helt tal fra 0 til 999.999.999"]
    assert html_of(rc, "ns-month") == "Måned 0 af 120"
    seed.v_model = "5"
    seed.fire_event("focusout")
    assert not rc.find(v.TextField).widget.error
    for _ in range(2):
        button(rc, "Trin").click()
    assert html_of(rc, "ns-views").count("startværdi 5") == 2  # both runs on the new seed


def test_app_command_rejects_a_busy_port_and_an_unknown_language(capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["app", "--port", str(port), "--no-open"]) == 2
    assert f"--port {port} is in use" in capsys.readouterr().err
    assert main(["app", "--lang", "sv"]) == 2
    assert "--lang 'sv' is not offered" in capsys.readouterr().err
    assert main(["app", "--ranges", "wide"]) == 2
    assert "--ranges 'wide' is not offered; choose plausible or validity" in capsys.readouterr().err
    assert main(["app", "--port", "70000"]) == 2


def test_a_port_left_in_time_wait_by_a_stopped_server_counts_as_free():
    with socket.socket() as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        client = socket.create_connection(("127.0.0.1", port))
        accepted, _ = server.accept()
        accepted.close()  # the server side closes first: its end waits in TIME_WAIT
        time.sleep(0.1)
        client.close()
    check_port(port)  # no InputError


def test_solara_is_run_on_localhost_in_production_mode_without_opening_a_browser():
    cmd = solara_command(8765)
    assert cmd[cmd.index("--host") + 1] == "127.0.0.1" and cmd[-1] == "--no-open"
    assert cmd[cmd.index("--port") + 1] == "8765" and "--production" in cmd
    assert cmd[cmd.index("run") + 1].endswith("experiments/dashboard/app.py")


def test_stop_group_ends_the_child_and_everything_it_started():
    # a child that starts a grandchild and ignores SIGTERM, so SIGKILL must follow
    script = "trap '' TERM; sleep 60 & sleep 60"
    child = subprocess.Popen(["sh", "-c", script], start_new_session=True)
    time.sleep(0.3)
    assert group_alive(child.pid)
    started = time.monotonic()
    stop_group(child, grace=1.0)
    assert not group_alive(child.pid) and child.returncode == -signal.SIGKILL
    assert time.monotonic() - started < 5
    with pytest.raises(ProcessLookupError):
        os.killpg(child.pid, 0)


def test_offline_assets_are_the_packages_solara_s_page_names():
    packages = cdn_packages()
    assert any(p.startswith("requirejs@") for p in packages)
    assert sum("solara-vuetify" in p for p in packages) == 1  # only the installed Vue's app
    assert all("@" in p.lstrip("@") for p in packages)
