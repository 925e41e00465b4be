"""The survival curve after the funding end with its 50 % and 90 % bands (plots/forecast.png)."""

from __future__ import annotations

import numpy as np

from experiments.i18n import check_lang, number, percent, t


def plot_forecast(forecast: dict, lang: str = "en"):
    """A matplotlib Figure of ``forecast["curve"]``; months 12, 24 and 60 are marked."""
    # imported here: the forecast's runs and the command's checks need no matplotlib
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    check_lang(lang)
    curve = forecast["curve"]
    months = np.asarray(curve["months_after_end"])
    fig = Figure(figsize=(8, 4.5))
    ax = fig.subplots()
    ax.fill_between(months, curve["q05"], curve["q95"], color="C0", alpha=0.2,
                    label=t("forecast.plot.band90", lang))  # fmt: skip
    ax.fill_between(months, curve["q25"], curve["q75"], color="C0", alpha=0.4,
                    label=t("forecast.plot.band50", lang))  # fmt: skip
    ax.plot(months, curve["median"], color="C0", lw=2, label=t("forecast.plot.median", lang))
    for month in (12, 24, 60):
        if month < len(months):
            ax.axvline(month, color="0.6", lw=0.8, ls=":")
    ax.set_xlim(0, months[-1])
    ax.set_ylim(0, 1)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _: percent(y, lang)))
    ax.set_xlabel(t("forecast.plot.x", lang))
    ax.set_ylabel(t("forecast.plot.y", lang))
    ax.set_title(t("forecast.plot.title", lang, scenario=forecast["scenario"]))
    ax.legend(loc="upper right", frameon=False)
    ax.annotate(
        t("forecast.plot.note", lang, runs=number(forecast["runs"], lang), draws=forecast["draws"],
             assumptions=forecast["assumption_draws"], reps=forecast["replicates"]),
        xy=(0.01, 0.01), xycoords="figure fraction", fontsize=8, color="0.4",
    )  # fmt: skip
    fig.tight_layout()
    return fig
