"""Write the forecast into the README and docs/forecast.md from a ``forecast.json``.

    python docs/make_forecast_sentence.py results/forecast/forecast.json

Rewrites the sentence between ``<!-- forecast-sentence -->`` and ``<!-- end of forecast-sentence
-->`` in README.md and the table between ``<!-- forecast-table -->`` and ``<!-- end of
forecast-table -->`` in docs/forecast.md, copies the forecast to docs/forecast.json (which
tests/test_forecast_sentence.py checks the README against) and its plot, if beside it, to
docs/figures/forecast.png. Bad input: one line, exit status 2, nothing written.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from experiments.errors import InputError
from experiments.forecast import OUTCOMES, forecast_sentence

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
FORECAST_DOC = ROOT / "docs" / "forecast.md"
COPY = ROOT / "docs" / "forecast.json"
FIGURE = ROOT / "docs" / "figures" / "forecast.png"
SHARES = ("calibrated", "assumed", "stochastic")


def replace_block(text: str, marker: str, body: str) -> str:
    """``text`` with the lines between ``<!-- marker -->`` and its end marker replaced."""
    start, end = f"<!-- {marker} -->", f"<!-- end of {marker} -->"
    if start not in text or end not in text:
        raise InputError(f"markers {start} ... {end} not found")
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{start}\n{body}\n{end}{tail}"


def forecast_table(forecast: dict) -> str:
    """The outcomes as a Markdown table: median, intervals and variance shares."""
    lines = [
        "| outcome | median | 50 % interval | 90 % interval | calibrated | assumed | stochastic |",
        "|---|---|---|---|---|---|---|",
    ]
    for name in OUTCOMES:
        e = forecast["outcomes"][name]
        s, b = e["variance_shares"], e["variance_shares_90"]
        fmt = "{:.0f}" if name.startswith("members") else "{:.0%}"
        cells = [
            fmt.format(e["median"]),
            "-".join(fmt.format(v) for v in e["interval_50"]),
            "-".join(fmt.format(v) for v in e["interval_90"]),
            *(f"{s[k]:.0%} ({b[k][0]:.0%}-{b[k][1]:.0%})" for k in SHARES),
        ]
        lines.append(f"| `{name}` | " + " | ".join(cells) + " |")
    fit = forecast["fit"]["share_of_runs_meeting_head_counts"]
    checks = "; ".join(
        f"`{name}` {c['value']:g}: median {c['median']:.0f}, 90 % {c['interval_90'][0]:.0f}-"
        f"{c['interval_90'][1]:.0f}, {'passes' if c['passes'] else 'fails'}"
        for name, c in forecast["heldout"].items()
    )
    return "\n".join(
        [
            f"`{forecast['command'] or 'netsustain forecast'}`: {forecast['runs']} runs "
            f"({forecast['draws']} posterior draws x {forecast['assumption_draws']} assumption "
            f"draws x {forecast['replicates']} seeds, seed {forecast['seed']}), scenario "
            f"`{forecast['scenario']}`. Shares in brackets: 90 % bootstrap intervals.",
            "",
            *lines,
            "",
            f"Runs meeting all three head counts within their tolerance: {fit:.0%}. "
            f"Held-out: {checks}.",
        ]
    )


def main(argv: list[str]) -> int:
    """Entry point; returns the exit status."""
    try:
        if len(argv) != 1:
            raise InputError("usage: python docs/make_forecast_sentence.py PATH/forecast.json")
        source = Path(argv[0])
        try:
            forecast = json.loads(source.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise InputError(f"{str(source)!r} is not a readable forecast.json ({exc})") from None
        sentence = forecast_sentence(forecast, "en")
        readme = replace_block(README.read_text(encoding="utf-8"), "forecast-sentence", sentence)
        doc = replace_block(
            FORECAST_DOC.read_text(encoding="utf-8"), "forecast-table", forecast_table(forecast)
        )
    except (InputError, KeyError, TypeError) as exc:
        sys.stderr.write(f"make_forecast_sentence: error: {str(exc).splitlines()[0]}\n")
        return 2
    README.write_text(readme, encoding="utf-8")
    FORECAST_DOC.write_text(doc, encoding="utf-8")
    COPY.write_text(json.dumps(forecast, indent=2) + "\n", encoding="utf-8")
    plot = source.parent / "plots" / "forecast.png"
    if plot.is_file():
        shutil.copyfile(plot, FIGURE)
    print(sentence)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
