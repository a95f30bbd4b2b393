"""Check the YAML sources: shape, ids and references, then the rules that tie sections together."""

from __future__ import annotations

from pathlib import Path

from .loader import LineDict, LineList
from .schema import SECTIONS
from .sources import Sources, read_sources
from .spec import Checker, Problem, Where


def check_folder(folder: Path) -> tuple[Sources, list[Problem]]:
    """Read and check a data folder; return its sources and every problem found, sorted."""
    sources = read_sources(folder)
    checker = Checker(problems=list(sources.problems))
    for name, value in sources.sections.items():
        SECTIONS[name].check(value, Where(sources.file_of(name), _line(value), name), checker, name)
    # Ids declared in a file that could not be read are unknown: judging references now would bury the
    # one real problem (a YAML syntax error, say) under a cascade of "not a known id" reports.
    if not sources.unreadable:
        checker.resolve_refs()
    if not checker.problems:
        for rule in RULES:
            rule(sources.sections, sources, checker)
    return sources, sorted(set(checker.problems))


def _line(value, key=None) -> int:
    if isinstance(value, LineDict):
        return value.line_of(key) if key is not None else value.line
    if isinstance(value, LineList):
        return value.line_of(key) if key is not None else value.line
    return 1


def _at(sources: Sources, section: str, node, key=None, label: str | None = None) -> Where:
    return Where(sources.file_of(section), _line(node, key), label or section)


def prisma_adds_up(s, sources, checker) -> None:
    """Every PRISMA step follows from the one before, and reasons add up to their exclusion."""
    flow = s["prisma"]
    steps = [
        (sum(src["n"] for src in flow["sources"]), "identified", "the sources' counts add up to"),
        (flow["identified"] - flow["duplicates_removed"], "screened", "identified less duplicates is"),
        (flow["screened"] - flow["excluded_at_screening"]["n"], "full_text_assessed",
         "screened less screening exclusions is"),
        (flow["full_text_assessed"] - flow["excluded_at_full_text"]["n"], "included",
         "assessed less full-text exclusions is"),
    ]
    for expected, key, how in steps:
        if flow[key] != expected:
            checker.report(_at(sources, "prisma", flow, key), f"{key} is {flow[key]} but {how} {expected}",
                           f"correct {key} or the counts it is derived from")
    for key in ("excluded_at_screening", "excluded_at_full_text"):
        exclusion = flow[key]
        total = sum(r["n"] for r in exclusion["reasons"])
        if (exclusion["reasons"] or exclusion["n"]) and total != exclusion["n"]:
            checker.report(_at(sources, "prisma", exclusion, "n"),
                           f"{key} is {exclusion['n']} but its reasons add up to {total}",
                           "correct the count or the reasons so they agree")
    included = sum(1 for study in s["studies"] if study["included"])
    if flow["included"] != included:
        checker.report(_at(sources, "prisma", flow, "included"),
                       f"included is {flow['included']} but {included} studies have included: true",
                       "make the PRISMA count match the studies marked included")


def quality_adds_up(s, sources, checker) -> None:
    """Each study's ratings cover every criterion, sum to the printed total, and match its score."""
    quality = s["quality"]
    studies = {study["id"]: study for study in s["studies"]}
    width = len(quality["criteria"])
    rated = set()
    for row in quality["ratings"]:
        where = _at(sources, "quality", row, label=f"rating row '{row['study']}'")
        rated.add(row["study"])
        if len(row["ratings"]) != width:
            checker.report(where, f"has {len(row['ratings'])} ratings for {width} criteria",
                           "give one rating per criterion, in the criteria's order")
        elif sum(row["ratings"]) != row["total"]:
            checker.report(where, f"total is {row['total']} but the ratings add up to {sum(row['ratings'])}",
                           "correct the total or the ratings so they agree")
        if row["total"] > quality["max_score"]:
            checker.report(where, f"total {row['total']} exceeds max_score {quality['max_score']}",
                           "correct the total or max_score")
        study = studies[row["study"]]
        if not study["included"]:
            checker.report(where, "rates a study that is not included in the synthesis",
                           "remove the row, or mark the study included: true")
        elif study.get("quality_score") != row["total"]:
            checker.report(_at(sources, "studies", study, "quality_score", f"study '{study['id']}'"),
                           f"quality_score is {study.get('quality_score')} but its Table 2 total is {row['total']}",
                           f"set quality_score: {row['total']}")
    for study in s["studies"]:
        if study["included"] and study["id"] not in rated:
            checker.report(_at(sources, "studies", study, "id", f"study '{study['id']}'"),
                           "is included but has no quality rating row",
                           "add a row for it under quality.ratings")


def themes_are_consistent(s, sources, checker) -> None:
    """Theme support names only included studies, within its stated count; headlines match quotes."""
    included = {study["id"] for study in s["studies"] if study["included"]}
    quotes = {quote["id"]: quote for quote in s["quotes"]}
    numbers: dict[int, str] = {}
    for theme in s["themes"]:
        where = _at(sources, "themes", theme, label=f"theme '{theme['id']}'")
        if theme["number"] in numbers:
            checker.report(where, f"number {theme['number']} is also theme '{numbers[theme['number']]}'s",
                           "give each theme its own number")
        numbers[theme["number"]] = theme["id"]
        support = theme["support"]
        named = [link["study"] for link in support["studies"]]
        if len(set(named)) != len(named):
            checker.report(where, "names a supporting study twice", "list each supporting study once")
        if not len(named) <= support["count"] <= len(included):
            checker.report(_at(sources, "themes", support, "count", where.label),
                           f"support count {support['count']} must be between the {len(named)} studies "
                           f"named and the {len(included)} included", "correct support.count")
        for study in set(named) - included:
            checker.report(where, f"support names '{study}', which is not an included study",
                           "name only studies with included: true")
        quote = quotes.get(theme.get("headline_in_quote"))
        if quote and theme["headline"].lower() not in quote["text"].lower():
            checker.report(_at(sources, "themes", theme, "headline_in_quote", where.label),
                           f"headline '{theme['headline']}' does not appear in quote '{quote['id']}'",
                           "point headline_in_quote at the quote that holds the phrase, or remove it")


def quotes_are_attributed(s, sources, checker) -> None:
    """Every quote comes from an included study and illustrates at least one subtheme."""
    included = {study["id"] for study in s["studies"] if study["included"]}
    for quote in s["quotes"]:
        where = _at(sources, "quotes", quote, label=f"quote '{quote['id']}'")
        if quote["study"] not in included:
            checker.report(where, f"cites '{quote['study']}', which is not an included study",
                           "attribute the quote to an included study")
        subthemes = quote.get("subthemes", []) + quote.get("coding", {}).get("subthemes", [])
        if not subthemes:
            checker.report(where, "is linked to no subtheme",
                           "add at least one subtheme under coding.subthemes (editorial) or subthemes (paper)")


def studies_are_complete(s, sources, checker) -> None:
    """Included studies carry Table 1 and a quality score; related evidence carries its details."""
    for study in s["studies"]:
        where = _at(sources, "studies", study, label=f"study '{study['id']}'")
        if study["included"]:
            for key in ("table1", "quality_score"):
                if key not in study:
                    checker.report(where, f"is included but has no {key}", f"add '{key}:' to the study")
            if "related" in study:
                checker.report(where, "is included but has related-study details",
                               "remove 'related:' or set included: false")
        elif "related" not in study:
            checker.report(where, "is not included but has no related-study details",
                           "add 'related:' saying how it relates to the synthesis")


def guidance_is_grounded(s, sources, checker) -> None:
    """Each talking point cites a theme or quote; each leaflet section cites one or says why not."""
    guidance = s["guidance"]
    for section in guidance["sections"]:
        for point in section["points"]:
            where = _at(sources, "guidance", point, label=f"talking point '{point['id']}'")
            _check_evidence(point["evidence"], s["review"]["points"], where, sources, checker)
            if not point["evidence"].get("themes") and not point["evidence"].get("quotes"):
                checker.report(where, "links no theme or quote",
                               "add the theme(s) or quote(s) it rests on under evidence.themes or evidence.quotes")
    for part in guidance["leaflet"]["sections"]:
        where = _at(sources, "guidance", part, label=f"leaflet section '{part['id']}'")
        evidence = part.get("evidence", {})
        _check_evidence(evidence, s["review"]["points"], where, sources, checker)
        if "text" not in part and "bullets" not in part:
            checker.report(where, "has neither text nor bullets", "add 'text:' or 'bullets:'")
        if not evidence.get("themes") and not evidence.get("quotes") and "note" not in part:
            checker.report(where, "links no theme or quote and has no note saying why",
                           "link the evidence under evidence.themes or evidence.quotes, or add a 'note:' "
                           "saying it is general advice rather than a finding of the review")


def _check_evidence(evidence, review_points, where, sources, checker) -> None:
    """An evidence block names nothing twice, and every review point it links exists."""
    for key, links in evidence.items():
        keys = [repr(sorted(link.items())) if isinstance(link, dict) else link for link in links]
        if len(set(keys)) != len(keys):
            checker.report(where, f"evidence.{key} names the same item twice", f"list each item of {key} once")
    for link in evidence.get("review_points", []):
        listed = review_points[link["section"]]
        if link["position"] > len(listed):
            checker.report(_at(sources, "guidance", link, "position", where.label),
                           f"links review point {link['section']} {link['position']}, but the review lists "
                           f"{len(listed)} {link['section']} point(s)",
                           f"use a position from 1 to {len(listed)}, the order of review.points.{link['section']} "
                           f"in {sources.file_of('review')}")


RULES = [prisma_adds_up, quality_adds_up, themes_are_consistent, quotes_are_attributed, studies_are_complete,
         guidance_is_grounded]
