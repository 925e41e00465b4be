"""The dashboard's model, sliders and command without a browser (see tests/test_app_browser.py)."""

from __future__ import annotations

import socket

import pytest

from experiments.cli import main
from experiments.cli.app import cdn_packages, solara_command
from experiments.dashboard import app
from model.params import PARAMETERS


def test_sliders_take_their_bounds_and_defaults_from_the_parameter_table():
    sliders = app.model_params("en")
    assert set(sliders) == set(app.SLIDERS) | {"seed"}
    for name in app.SLIDERS:
        p, s = PARAMETERS[name], sliders[name]
        months = p.unit == "months"
        assert (s.min, s.value) == (p.low, p.default)
        assert s.max == (min(p.high, app.HORIZON - 1) if months else p.high)
        assert s.is_float_slider == (p.kind == "float")
        assert 0 < s.step <= (s.max - s.min) / 20
    assert app.model_params("da")["programme_months"].label == "Finansieringen ophører (md.)"


def test_reset_builds_the_model_from_the_slider_values():
    values = {name: s.value for name, s in app.model_params().items()}
    values.update(programme_months=30, taper_months=6, post_funding_share=0.25)
    model = app.DashboardModel(**values)  # what SolaraViz's Reset does
    for _ in range(3):
        model.step()
    assert (model.programme_months, model.taper_months, model.horizon_months) == (30, 6, 120)
    assert model.steps == 3 and model.month == 3
    facts = app.facts_html(model, "da")
    assert "Måned 3</b> af 120" in facts and "måned 30" in facts and "0,25" in facts
    assert model.timeseries()["networks_alive"].iat[-1] == int(
        facts.split("<b>")[2].split("</b>")[0]
    )


def test_dashboard_model_rejects_a_bad_slider_value():
    with pytest.raises(ValueError, match="taper_months"):
        app.DashboardModel(taper_months=-1)


def test_app_command_rejects_a_busy_port_and_an_unknown_language(capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["app", "--port", str(port), "--no-open"]) == 2
    assert f"--port {port} is in use" in capsys.readouterr().err
    assert main(["app", "--lang", "sv"]) == 2
    assert "--lang 'sv' is not offered" in capsys.readouterr().err
    assert main(["app", "--port", "70000"]) == 2


def test_solara_is_run_on_localhost_in_production_mode():
    cmd = solara_command(8765, open_browser=False)
    assert cmd[cmd.index("--host") + 1] == "127.0.0.1" and cmd[-1] == "--no-open"
    assert cmd[cmd.index("--port") + 1] == "8765" and "--production" in cmd
    assert cmd[cmd.index("run") + 1].endswith("experiments/dashboard/app.py")


def test_offline_assets_are_the_packages_solara_s_page_names():
    packages = cdn_packages()
    assert any(p.startswith("requirejs@") for p in packages)
    assert sum("solara-vuetify" in p for p in packages) == 1  # only the installed Vue's app
    assert all("@" in p.lstrip("@") for p in packages)
