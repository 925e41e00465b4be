"""The live dashboard: your settings played beside the baseline, month by month (Solara).

Start it with ``netsustain app`` (or ``solara run experiments/dashboard/app.py``). The page keeps
the look of Mesa's SolaraViz (a title bar; controls and model settings in cards on the left; plots
on the right) but is built from Solara components directly, because SolaraViz on Mesa 3.3.1
writes its own controls in English ("Reset", "Step", "Play Interval (ms)", "Step: 0"), drives one
model where the page drives two, and redraws the page after a fixed sleep per step (about 2 s a
month in a trial at the projector). docs/workshop.md says more.

Sliders set the funding end, the taper, the co-funding share, the member fee and the
facilitators' embeddedness, and take effect at once: the run with your settings is rebuilt and
brought to the month shown (``experiments.dashboard.live``). Play advances both runs at
``PLAY_MONTHS_PER_SECOND`` by the clock and draws as often as the machine manages, so the whole
horizon takes about ten seconds on any machine, a slow one showing fewer pictures.

The language is read from ``NETSUSTAIN_LANG`` ("en" or "da"), the slider ranges from
``NETSUSTAIN_RANGES`` ("plausible", the default, or "validity"); every word is in
``experiments.i18n`` (keys ``dashboard.*``).
"""

from __future__ import annotations

import os
import time
from html import escape

import solara

from experiments.dashboard.live import (
    DASHBOARD_SEED,
    HORIZON,
    SEED_MAX,
    DashboardModel,
    Frame,
    LiveComparison,
)
from experiments.dashboard.panels import (
    facts_html,
    monitors_html,
    network_views_html,
    series_html,
)
from experiments.dashboard.settings import (
    SETTINGS,
    default_settings,
    label,
    parse_seed,
    slider_spec,
    value_text,
)
from experiments.dashboard.style import CSS
from experiments.i18n import number, t

# The page, and for notebooks the dashboard's model class and a run's settings line.
__all__ = ["DashboardModel", "Page", "facts_html"]

PLAY_MONTHS_PER_SECOND = 12
LANG = (
    os.environ.get("NETSUSTAIN_LANG", "en")
    if os.environ.get("NETSUSTAIN_LANG") in ("en", "da")
    else "en"
)
SLIDER_RANGES = "validity" if os.environ.get("NETSUSTAIN_RANGES") == "validity" else "plausible"


def html(text: str, classes: list[str], tag: str = "div"):
    """Trusted HTML (built by ``experiments.dashboard.panels``, every text escaped)."""
    return solara.HTML(tag=tag, unsafe_innerHTML=text, classes=classes)


@solara.component
def SettingSlider(name: str, value: float, on_value, lang: str):
    """A parameter's slider under its label and its value written with its unit."""
    spec = slider_spec(name, ranges=SLIDER_RANGES)
    with solara.Column(gap="0px", classes=["ns-setting", f"ns-setting-{name}"]):
        html(
            f'<span class="ns-setting-label">{escape(label(name, lang))}</span>'
            f'<b class="ns-setting-value">{escape(value_text(name, value, lang))}</b>',
            ["ns-setting-head"],
        )
        widget = solara.SliderInt if spec.whole else solara.SliderFloat
        widget(
            "",
            value=value,
            min=spec.low,
            max=spec.high,
            step=spec.step,
            on_value=on_value,
            thumb_label=False,
        )


@solara.component
def SeedBox(text: str, on_value, error: str, lang: str):
    """The seed of both runs, typed (a whole number), under its label like the sliders."""
    with solara.Column(gap="0px", classes=["ns-setting", "ns-seed"]):
        html(
            f'<span class="ns-setting-label">{escape(t("dashboard.seed", lang))}</span>',
            ["ns-setting-head"],
        )
        solara.InputText(
            "",
            value=text,
            on_value=on_value,
            continuous_update=False,
            error=error or False,
            dense=True,
        )


@solara.component
def Controls(
    shown: solara.Reactive[Frame], running: solara.Reactive[bool], on_reset, on_step, lang
):
    """Reset, Play/Pause and Step, the month shown, and what Play does.

    Reads the shown frame itself, so a new month redraws this card, not the whole sidebar.
    """
    frame, playing = shown.value, running.value
    finished = frame.month >= frame.horizon
    with solara.Card(t("dashboard.controls", lang)):
        with solara.Row(justify="space-between"):
            solara.Button(t("dashboard.reset", lang), color="primary", on_click=on_reset)
            solara.Button(
                t("dashboard.pause" if playing else "dashboard.play", lang),
                color="primary",
                on_click=lambda: running.set(not playing),
                disabled=finished and not playing,
            )
            solara.Button(
                t("dashboard.step", lang),
                color="primary",
                on_click=on_step,
                disabled=playing or finished,
            )
        month = t(
            "dashboard.month_of",
            lang,
            month=number(frame.month, lang),
            horizon=number(frame.horizon, lang),
        )
        html(escape(month), ["ns-month"])
        seconds = number(frame.horizon / PLAY_MONTHS_PER_SECOND, lang)
        note = t("dashboard.play_note", lang, horizon=number(frame.horizon, lang), seconds=seconds)
        html(escape(note), ["ns-note"], tag="p")


@solara.component
def Panels(shown: solara.Reactive[Frame], lang: str):
    """Monitors, the live series and the network views of the shown frame."""
    frame = shown.value
    series, views = solara.use_memo(
        lambda: (series_html(frame, lang), network_views_html(frame, lang)), [frame]
    )
    with solara.Column(classes=["ns-main"]):
        html(monitors_html(frame, lang), ["ns-monitors-box"])
        html(series, ["ns-series"])
        html(views, ["ns-views"])


@solara.component
def Page():
    """The dashboard: controls and settings on the left; monitors and plots on the right."""
    lang = LANG
    values = solara.use_reactive(default_settings(SLIDER_RANGES))
    seed_text = solara.use_reactive(str(DASHBOARD_SEED))
    seed_error = solara.use_reactive("")
    live = solara.use_memo(lambda: LiveComparison(values.value, DASHBOARD_SEED, HORIZON), [])
    frame = solara.use_reactive(solara.use_memo(live.frame, []))
    playing = solara.use_reactive(False)

    def show() -> None:
        frame.set(live.frame())

    def set_value(name: str, value: float) -> None:
        settings = {**values.value, name: value}
        values.set(settings)
        live.change(settings=settings)
        show()

    def set_seed(text: str) -> None:
        seed_text.set(text)
        try:
            seed = parse_seed(text)
        except ValueError:
            seed_error.set(t("dashboard.seed_error", lang, max=number(SEED_MAX, lang)))
            return
        seed_error.set("")
        live.change(seed=seed)
        show()

    def reset() -> None:
        playing.set(False)
        live.reset()
        show()

    def step() -> None:
        live.step()
        show()

    def play() -> None:
        """Advance by the clock while Play is on, showing each month the drawing keeps up with."""
        if not playing.value:
            return
        epoch, first, start = live.epoch, live.month, time.monotonic()
        while playing.value and not live.finished:
            due = first + 1 + int((time.monotonic() - start) * PLAY_MONTHS_PER_SECOND)
            if not live.advance_to(due, epoch):
                return  # Reset was pressed
            show()
            wait = start + (live.month - first) / PLAY_MONTHS_PER_SECOND - time.monotonic()
            if wait > 0:
                time.sleep(wait)
        if live.finished:
            playing.set(False)

    solara.lab.use_task(play, dependencies=[playing.value], prefer_threaded=True)

    solara.Title(t("dashboard.title", lang))
    solara.Style(CSS)
    with solara.AppBar():
        solara.AppBarTitle(t("dashboard.title", lang))
    with solara.Sidebar():
        with solara.Column(classes=["ns-sidebar"]):
            Controls(frame, playing, reset, step, lang)
            with solara.Card(t("dashboard.settings", lang)):
                for name in SETTINGS:
                    SettingSlider(
                        name, values.value[name], lambda v, name=name: set_value(name, v), lang
                    )
                SeedBox(seed_text.value, set_seed, seed_error.value, lang)
                html(escape(t("dashboard.settings_note", lang)), ["ns-note"], tag="p")
    Panels(frame, lang)
