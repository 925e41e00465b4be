"""The live dashboard: the model running month by month in a browser (Mesa SolaraViz).

Start it with ``netsustain app`` (or ``solara run experiments/dashboard/app.py``). Sliders set the
funding end, the taper, the co-funding share, the member fee and the facilitators'
embeddedness; their bounds come from ``model.params.PARAMETERS``, month sliders cut at the
dashboard's horizon. As in every SolaraViz app on Mesa 3.3.1, slider values take effect when
Reset is pressed (SolaraViz rebuilds the model only then). The plots are drawn with matplotlib in
``experiments.dashboard.plots``, because Mesa 3.3.1's Altair space renderer fails with pandas 3
and its network drawer fixes its layout at the start, so it cannot show networks founded later.

The dashboard language is read from the environment variable ``NETSUSTAIN_LANG`` ("en" or "da");
its words are in ``experiments.i18n`` (keys ``dashboard.*``).
"""

from __future__ import annotations

import math
import os
import warnings

import solara

# Mesa 3.3.1's own ComponentsView trips Solara's hook check on import; harmless, and not ours.
warnings.filterwarnings("ignore", message=r".*ComponentsView: `use_state` found")
from mesa.visualization import Slider, SolaraViz  # noqa: E402
from mesa.visualization.utils import update_counter  # noqa: E402

from experiments.dashboard.plots import live_timeseries, network_view  # noqa: E402
from experiments.i18n import number, t  # noqa: E402
from model import NetworkModel  # noqa: E402
from model.params import PARAMETERS  # noqa: E402

DASHBOARD_SEED = 2010
HORIZON = 120  # months shown: the programme and seven years after
SLIDERS = (
    "programme_months",
    "taper_months",
    "post_funding_share",
    "member_fee",
    "embeddedness_mean",
)
LANG = (
    os.environ.get("NETSUSTAIN_LANG", "en")
    if os.environ.get("NETSUSTAIN_LANG") in ("en", "da")
    else "en"
)


class DashboardModel(NetworkModel):
    """``NetworkModel`` with the dashboard's seed and horizon as defaults (keyword arguments only).

    The catch-all must be called ``kwargs``: SolaraViz on Mesa 3.3.1 checks slider names against
    the signature and accepts unknown ones only through a parameter of that name.
    """

    def __init__(self, seed: int = DASHBOARD_SEED, horizon_months: int = HORIZON, **kwargs):
        super().__init__(seed=seed, agents=False, horizon_months=horizon_months, **kwargs)


def slider(name: str, label: str) -> Slider:
    """A slider over the parameter's declared bounds (months cut at the dashboard horizon)."""
    p = PARAMETERS[name]
    if p.kind == "int":
        high = min(p.high, HORIZON - 1) if p.unit == "months" else p.high
        return Slider(label, int(p.default), int(p.low), int(high), 1, dtype=int)
    step = 10 ** math.floor(math.log10((p.high - p.low) / 20))
    return Slider(label, float(p.default), float(p.low), float(p.high), step, dtype=float)


def model_params(lang: str = LANG) -> dict:
    """SolaraViz ``model_params``: one slider per dashboard parameter plus the seed."""
    params = {name: slider(name, t(f"dashboard.{name}", lang)) for name in SLIDERS}
    params["seed"] = Slider(t("dashboard.seed", lang), DASHBOARD_SEED, 1, 9999, 1, dtype=int)
    return params


def facts_html(model: NetworkModel, lang: str = LANG) -> str:
    """The current month, headline numbers and the settings the model was built with."""
    ts = model.timeseries()
    last = ts.iloc[-1] if len(ts) else None
    return t(
        "dashboard.facts",
        lang,
        month=number(model.month, lang),
        horizon=number(model.horizon_months, lang),
        alive=number(last["networks_alive"] if last is not None else 0, lang),
        members=number(last["members"] if last is not None else 0, lang),
        programme_months=number(model.programme_months, lang),
        taper_months=number(model.taper_months, lang),
        share=number(model.post_funding_share, lang, 2),
        fee=number(model.member_fee, lang, 1),
        embed=number(model.embeddedness_mean, lang, 2),
        seed=model.seed,
    )


@solara.component
def Facts(model: NetworkModel):
    """Headline numbers and settings (re-drawn after every step)."""
    update_counter.get()
    solara.HTML(tag="div", unsafe_innerHTML=facts_html(model), classes=["netsustain-facts"])


@solara.component
def Timeseries(model: NetworkModel):
    """Networks alive and member companies so far, funding end marked."""
    update_counter.get()
    fig = live_timeseries(
        model.timeseries(), model.programme_months, model.taper_months, model.horizon_months, LANG
    )
    solara.FigureMatplotlib(fig, format="png")


@solara.component
def NetworkView(model: NetworkModel):
    """Networks and their member companies, coloured by format, ended networks grey."""
    update_counter.get()
    solara.FigureMatplotlib(network_view(model.networks(), model.month, LANG), format="png")


@solara.component
def Page():
    """SolaraViz's sidebar (sliders, Reset, Play, Step, step counter) and our plots beside it.

    The plots are laid out here rather than passed as SolaraViz ``components``: Mesa 3.3.1 puts
    components in Vuetify 2 tabs (``solara.v.TabsItems``), which the installed ipyvuetify 3 lacks.
    """
    model = solara.use_reactive(solara.use_memo(DashboardModel, []))
    SolaraViz(
        model,
        components=[],
        model_params=model_params(),
        name=t("dashboard.title", LANG),
        play_interval=150,
    )
    with solara.Column(style={"padding": "12px"}):
        Facts(model.value)
        with solara.Columns([1, 1]):
            Timeseries(model.value)
            NetworkView(model.value)
