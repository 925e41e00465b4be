"""The survival forecast with its whole uncertainty (``netsustain forecast``; docs/forecast.md).

A scenario runs over K posterior draws of the calibrated parameters x M prior draws of the
carried assumptions (calibration/assumptions.toml) x R replicate seeds, all derived from one
recorded seed. The result gives, for survival 12, 24 and 60 months after the funding end and the
members 24 months after it, the median, 50 % and 90 % intervals, and how the variance splits
into what the calibration leaves open, what the assumptions leave open, and chance.

Modules: ``assumptions`` (the carried priors), ``design`` (the crossed plan and its seeds),
``worker`` (one run with its survival curve), ``execute`` (serial or parallel, same numbers),
``variance`` (the decomposition), ``summarise`` (``forecast.json``), ``sentence``
(the sentence in English and Danish; its words, like all others, in ``experiments.i18n``),
``plots`` (``forecast.png``), ``screening`` (reading the
Morris screening that chose the assumptions).
"""

from __future__ import annotations

from experiments.forecast.design import OUTCOMES, ForecastPlan, plan_forecast
from experiments.forecast.execute import ForecastRuns, execute
from experiments.forecast.sentence import forecast_sentence
from experiments.forecast.summarise import summarise

__all__ = [
    "OUTCOMES",
    "ForecastPlan",
    "ForecastRuns",
    "execute",
    "forecast_sentence",
    "plan_forecast",
    "summarise",
]
