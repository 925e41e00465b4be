"""docs/sources.md: every citation in the repository resolves inside it.

Always checked: the slides' line ranges cover the source document; every "seed l.N" anywhere in
the repository falls on a slide described there; every author-year citation has an entry under
Literature; no file points at documents outside the repository. Checked against the original
where it is present (required under CI): every quotation in docs/sources.md stands on its lines.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import source_document

REPO = Path(__file__).resolve().parents[1]
SOURCES = REPO / "docs" / "sources.md"
LINES_IN_DOCUMENT = 181
TEXT_SUFFIXES = {".py", ".md", ".toml", ".txt", ".cfg", ".yml", ".yaml"}
SKIPPED_DIRS = {
    ".git",
    ".venv",
    "results",
    "build",
    "dist",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
}

SLIDE = re.compile(r"^### (.+) \(l\.(\d+)-(\d+)\)$", re.MULTILINE)
QUOTE = re.compile(r'^- l\.(\d+)(?:-(\d+))?: "([^"]+)"', re.MULTILINE)
SEED_CITATION = re.compile(
    r"\bseed (?:lines? |l\.)(\d+(?:-\d+)?(?:,? (?:and )?(?:l\.)?\d+(?:-\d+)?)*)"
)
AUTHOR_YEAR = re.compile(
    r"\b([A-Z][a-zà-ÿ]+(?:[A-Z][a-zà-ÿ]+)?(?:[ -][A-Z][a-zà-ÿ]+)?)(?:'s)?"
    r"(?:\s+et\s+al\.|\s+&\s+[A-Z][\w-]+|(?:,\s+[A-Z][\w-]+)+,?\s+&\s+[A-Z][\w-]+)?"
    r",?\s+\(?((?:19[5-9]|20[0-2])\d)[a-z]?\b"
)
NOT_AUTHORS = {
    "SkanKomp", "KOBRA", "Sep", "Aug", "September", "August", "Interreg", "Mesa", "Seed", "SEED",
    "Python", "Month", "ODD", "Status", "Skillnets", "Model", "Since", "From", "In", "The",
}  # fmt: skip
OUTSIDE = re.compile(
    r"shared/|\bdomain\.md|\bdesign\.md|tooling\.md|research/|english\.md|design brief"
    r"|\bbrief s\.\d|the brief\b|brief's"
)


def text_files() -> list[Path]:
    found = []
    for path in REPO.rglob("*"):
        parts = path.relative_to(REPO).parts
        if SKIPPED_DIRS & set(parts) or any(part.endswith(".egg-info") for part in parts):
            continue
        if path.is_file() and path.suffix in TEXT_SUFFIXES:
            found.append(path)
    return sorted(found)


def sources_text() -> str:
    return SOURCES.read_text(encoding="utf-8")


def slides() -> list[tuple[str, int, int]]:
    return [(t, int(a), int(b)) for t, a, b in SLIDE.findall(sources_text())]


def quotations() -> list[tuple[int, int, str, tuple[str, int, int] | None]]:
    """(first line, last line, quote, slide it is listed under) of every quotation."""
    joined = re.sub(r"\n {2}(?=\S)", " ", sources_text())
    found, slide = [], None
    for line in joined.splitlines():
        heading = SLIDE.match(line)
        if heading:
            slide = (heading.group(1), int(heading.group(2)), int(heading.group(3)))
        elif line.startswith("## "):
            slide = None
        quote = QUOTE.match(line)
        if quote:
            a, b, q = quote.groups()
            found.append((int(a), int(b or a), q, slide))
    return found


def cited_lines(path: Path) -> list[tuple[int, int]]:
    ranges = []
    for match in SEED_CITATION.finditer(path.read_text(encoding="utf-8")):
        for part in re.findall(r"\d+(?:-\d+)?", match.group(1)):
            first, _, last = part.partition("-")
            ranges.append((int(first), int(last or first)))
    return ranges


def test_slides_cover_the_document_in_order():
    found = slides()
    assert len(found) == 8
    assert found[0][1] == 1 and found[-1][2] == LINES_IN_DOCUMENT
    for (_, _, end), (_, start, _) in zip(found, found[1:]):
        assert start > end


def test_every_seed_citation_points_at_a_described_slide():
    spans = [(a, b) for _, a, b in slides()]
    wrong = []
    checked = 0
    for path in text_files():
        for first, last in cited_lines(path):
            checked += 1
            inside = any(a <= first <= last <= b for a, b in spans)
            if not (1 <= first <= last <= LINES_IN_DOCUMENT and inside):
                wrong.append(f"{path.relative_to(REPO)}: seed l.{first}-{last}")
    assert checked > 100, "seed citations should be found across the repository"
    assert not wrong, "citations outside the described slides:\n" + "\n".join(wrong)


def test_quotations_sit_inside_their_slide():
    found = quotations()
    assert len(found) >= 50
    for first, last, quote, slide in found:
        assert slide is not None and slide[1] <= first <= last <= slide[2], (quote, slide)


def test_quotations_stand_on_their_lines_of_the_original():
    source_document.lines()  # skips (fails under CI) without the original
    for first, last, quote, _ in quotations():
        assert source_document.holds(quote, first, last), f"l.{first}-{last}: {quote!r}"


def _anchor(name: str, year: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    plain = {"Muller": "Mueller"}.get(plain, plain)
    return f"{plain.lower().replace(' ', '-')}-{year}"


def test_every_author_year_citation_has_a_literature_entry():
    anchors = set(re.findall(r'<a id="([\w-]+)"></a>', sources_text()))
    missing = set()
    for path in text_files():
        if path == SOURCES:
            continue
        for name, year in AUTHOR_YEAR.findall(path.read_text(encoding="utf-8")):
            if name.split()[0] in NOT_AUTHORS or name.split("-")[0] in NOT_AUTHORS:
                continue
            if _anchor(name, year) not in anchors:
                missing.add(f"{name} {year} ({path.relative_to(REPO)})")
    assert not missing, "citations without an entry in docs/sources.md:\n" + "\n".join(
        sorted(missing)
    )


def test_no_file_points_outside_the_repository():
    found = []
    for path in text_files():
        relative = path.relative_to(REPO)
        if path in (SOURCES, Path(__file__)):
            continue
        text = path.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), 1):
            if OUTSIDE.search(line):
                found.append(f"{relative}:{number}: {line.strip()[:90]}")
    assert not found, "references to documents outside the repository:\n" + "\n".join(found)
