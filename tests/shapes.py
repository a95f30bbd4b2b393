"""Reviews of other shapes, generated from the synthetic fixture review: many or few studies, themes and subthemes,
one or five PRISMA sources, sections left empty. Each is written as YAML and built by the tests with the real build.

Everything is copied from the fixture's own records and given new ids, so a change to the format reaches the
generated reviews through the fixture alone.
"""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

from tests.conftest import SYNTHETIC


def load_fixture() -> dict[str, tuple[str, dict]]:
    """Each top-level section of the fixture, with the file it came from."""
    sections = {}
    for path in sorted(SYNTHETIC.glob("*.yaml")):
        for key, value in yaml.safe_load(path.read_text(encoding="utf-8")).items():
            sections[key] = (path.name, value)
    return sections


def write(sections: dict[str, tuple[str, object]], folder: Path) -> Path:
    """The sections as YAML files, each in the file it came from."""
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, dict] = {}
    for key, (name, value) in sections.items():
        files.setdefault(name, {})[key] = value
    for name, content in files.items():
        (folder / name).write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def _included(s) -> list[dict]:
    return [study for study in s["studies"] if study["included"]]


def set_studies(s, count: int) -> None:
    """`count` included studies: the fixture's first ones, then copies of its last with new ids and long names."""
    studies = _included(s)
    template = studies[-1]
    keep = studies[:count]
    for n in range(len(keep) + 1, count + 1):
        study = copy.deepcopy(template)
        study.update(id=f"gen_study{n:02d}", citation=f"Generated-Author{n} and Colleague et al. {1990 + n}",
                     year=1990 + n)
        study["characteristics"]["label"] = study["citation"]
        keep.append(study)
    ids = {study["id"] for study in keep}
    s["studies"] = keep + [study for study in s["studies"] if not study["included"]]
    rating = s["quality"]["ratings"][-1]
    rated = {row["study"]: row for row in s["quality"]["ratings"]}
    s["quality"]["ratings"] = [rated.get(i) or {**copy.deepcopy(rating), "study": i} for i in (st["id"] for st in keep)]
    s["quotes"] = [q for q in s["quotes"] if q["study"] in ids]
    for theme in s["themes"]:
        _limit(theme["support"], "studies", "count", ids, len(keep), key="study")
    for statement in s["statements"]:
        if "studies" in statement:
            _limit(statement, "studies", "study_count", ids, len(keep))
    _balance_prisma(s["prisma"], len(keep))


def _limit(record: dict, list_key: str, count_key: str, ids: set[str], most: int, key: str | None = None) -> None:
    # Name only studies that remain, and count no more than there are.
    record[list_key] = [x for x in record[list_key] if (x[key] if key else x) in ids]
    record[count_key] = max(len(record[list_key]), min(record[count_key], most))


def _balance_prisma(flow: dict, included: int) -> None:
    """Keep the fixture's exclusions and make every other count follow from them and `included`."""
    for key in ("excluded_at_screening", "excluded_at_full_text"):
        flow[key]["n"] = sum(reason["n"] for reason in flow[key]["reasons"])
    flow["included"] = included
    flow["full_text_assessed"] = included + flow["excluded_at_full_text"]["n"]
    flow["screened"] = flow["full_text_assessed"] + flow["excluded_at_screening"]["n"]
    flow["identified"] = flow["screened"] + flow["duplicates_removed"]
    sources = flow["sources"]
    share, rest = divmod(flow["identified"], len(sources))
    for i, source in enumerate(sources):
        source["n"] = share + (1 if i < rest else 0)


def set_prisma_sources(s, count: int) -> None:
    """`count` PRISMA sources with long labels, their counts adding up to the records identified."""
    template = s["prisma"]["sources"][0]
    s["prisma"]["sources"] = [{**template, "label": f"Generated bibliographic database number {n} (searched from "
                                                    f"its inception to the search date)"} for n in range(1, count + 1)]
    _balance_prisma(s["prisma"], len(_included(s)))


def set_themes(s, count: int) -> None:
    """`count` themes: the fixture's first ones, then copies of its last, each with a quote of its own."""
    themes = s["themes"][:count]
    template = s["themes"][-1]
    quote = next(q for q in s["quotes"] if q["theme"] == template["id"])
    for n in range(len(themes) + 1, count + 1):
        theme = copy.deepcopy(template)
        theme.update(id=f"gen_theme{n}", number=n, name=f"Generated theme {n}, whose name runs on to wrap a label")
        theme.pop("headline_in_quote", None)
        for i, sub in enumerate(theme["subthemes"], 1):
            sub.update(id=f"gen_theme{n}_s{i}", name=f"Generated subtheme {i} of theme {n}")
        themes.append(theme)
        copied = copy.deepcopy(quote)
        copied.update(id=f"gen_q_theme{n}", theme=theme["id"])
        copied.setdefault("coding", {})["subthemes"] = [theme["subthemes"][0]["id"]]
        copied.pop("subthemes", None)
        s["quotes"].append(copied)
    kept = {t["id"] for t in themes}
    s["quotes"] = [q for q in s["quotes"] if q["theme"] in kept]
    s["themes"] = themes


def set_subthemes(s, theme_index: int, count: int) -> None:
    """`count` subthemes under one theme, of varied name lengths."""
    theme = s["themes"][theme_index]
    base = theme["subthemes"][0]
    extra = [{**base, "id": f"{theme['id']}_gen{i}",
              "name": f"Generated subtheme {i}" + (" with a much longer name that has to wrap" if i % 3 == 0 else "")}
             for i in range(len(theme["subthemes"]) + 1, count + 1)]
    theme["subthemes"] = theme["subthemes"][:count] + extra


def set_constructs(s, count: int) -> None:
    """`count` higher-order constructs, each drawing on every theme (the fixture has none to copy: the format's
    construct fields are written out here)."""
    s["constructs"] = [{"id": f"gen_construct{n}", "number": n, "name": f"Generated construct {n} with a long name",
                        "description": f"Invented construct {n}.", "draws_on": [t["id"] for t in s["themes"]],
                        "rationale": "Invented rationale.",
                        "evidence": [{"statement": s["statements"][-1]["id"], "relation": "our reading"}]}
                       for n in range(1, count + 1)]


def empty_sections(s) -> None:
    """No coded vocabulary, no constructs, no review points, no related study: the optional parts left empty."""
    for quote in s["quotes"]:
        quote.pop("stigma", None)
        quote.setdefault("coding", {}).update(stigma=[], consequences=[])
    for key in s["review"]["points"]:
        s["review"]["points"][key] = []
    s["review"]["eligibility"]["exclusion"] = []
    s["review"]["synthesis"].pop("levels", None)
    for optional in ("stigma_types", "disclosure_consequences", "constructs", "guidance"):  # sections left out
        s.pop(optional, None)


OVERALL = ("high", "moderate", "low", "very_low")
CONCERN_FOR = {"high": "minor", "moderate": "minor", "low": "moderate", "very_low": "serious"}


def set_findings(s, count: int, method: str = "GRADE-CERQual") -> None:
    """`count` findings judged with `method`, each resting on one quote of the review as it now stands (so on a study
    and theme that remain), at levels cycling from high to very low, none of them a combination check warns on."""
    from evidence.confidence import METHODS

    components = METHODS[method].components
    quotes = s["quotes"]
    s["confidence"] = {"method": method}
    s["findings"] = []
    for n in range(1, count + 1):
        quote = quotes[(n - 1) % len(quotes)]
        overall = OVERALL[(n - 1) % len(OVERALL)]
        judged = [{"component": c.id, "explanation": f"Generated explanation of {c.id} for finding {n}.",
                   "concern": (CONCERN_FOR[overall] if c.levels[0].id == "no_or_very_minor"
                               else c.levels[min(OVERALL.index(overall), len(c.levels) - 1)].id)}
                  for c in components]
        s["findings"].append({
            "id": f"gen_finding{n}", "number": n, "theme": quote["theme"], "studies": [quote["study"]],
            "text": f"Generated finding {n}, whose wording runs on long enough to wrap in a narrow table cell.",
            "evidence": [{"quote": quote["id"], "relation": "states"}],
            "assessment": {"components": judged, "confidence": overall,
                           "explanation": f"Generated overall explanation for finding {n}."}})


def _forget_missing(node, quotes: set[str], studies: set[str], themes: set[str], findings: set[str]) -> None:
    """Links to quotes, studies and themes a shape left out are left out with them (evidence links, headlines taken
    from a quote, the theme a statement says is present)."""
    gone = {"quote": quotes, "study": studies, "finding": findings}
    if isinstance(node, dict):
        if node.get("headline_in_quote") not in (None, *quotes):
            del node["headline_in_quote"]
        if node.get("theme_presence") not in (None, *themes):
            del node["theme_presence"]
        for value in node.values():
            if isinstance(value, list):
                value[:] = [x for x in value if not (isinstance(x, dict) and len(x) == 2 and "relation" in x
                                                     and any(k in x and x[k] not in kept for k, kept in gone.items()))]
            _forget_missing(value, quotes, studies, themes, findings)
    elif isinstance(node, list):
        for value in node:
            _forget_missing(value, quotes, studies, themes, findings)


def generate(folder: Path, studies: int | None = None, themes: int | None = None, subthemes: int | None = None,
             sources: int | None = None, constructs: int | None = None, empty: bool = False,
             findings: int | None = None, method: str = "GRADE-CERQual") -> Path:
    """Write a review of the asked shape (the fixture's own wherever a dimension is not asked) into `folder`."""
    sections = load_fixture()
    s = {key: value for key, (_, value) in sections.items()}
    if themes is not None:
        set_themes(s, themes)
    if subthemes is not None:
        set_subthemes(s, 0, subthemes)
    if studies is not None:
        set_studies(s, studies)
    if sources is not None:
        set_prisma_sources(s, sources)
    if constructs is not None:
        set_constructs(s, constructs)
    if empty:
        empty_sections(s)
    set_findings(s, len(s.get("findings", [])) if findings is None else findings, method)  # on what remains
    _forget_missing(s, {q["id"] for q in s["quotes"]}, {st["id"] for st in s["studies"]},
                    {t["id"] for t in s["themes"]}, {f["id"] for f in s.get("findings", [])})
    return write({key: (sections[key][0], s[key]) for key in sections if key in s}, folder)


# The shapes the layouts must hold: the largest asked of each dimension together, and the smallest.
SHAPES = {
    "large": dict(studies=40, themes=12, subthemes=20, sources=5, constructs=3, findings=40),
    "small": dict(studies=2, themes=1, subthemes=1, sources=1, empty=True, findings=1, method="JBI ConQual"),
}
