"""Turn checked YAML sections into rows for each table of the database, as evidence/format/declaration.py declares
them.

A mirrored table's row comes straight from its record (`Table.row`); this module adds only what the YAML does not
say itself: positions, parents, provenance, and the rows of link tables."""

from __future__ import annotations

import re
from collections import defaultdict

from .confidence import method_of
from .format.declaration import TABLES

Rows = dict[str, list[dict]]
T = {table.name: table for table in TABLES}


def to_rows(s: dict) -> Rows:
    """Every table's rows, keyed by table name."""
    rows: Rows = defaultdict(list)
    _review(s["review"], s["line_of_argument"], rows)
    _prisma(s["prisma"], s["review"]["id"], rows)
    for pos, source in _numbered(s["source_types"]):
        rows["source_types"].append(T["source_types"].row(source, position=pos))
    _studies(s["studies"], s["quality"], rows)
    _quality(s["quality"], rows)
    _themes(s["themes"], s["constructs"], rows)
    _vocabulary(s["stigma_types"], s["disclosure_consequences"], rows)
    _quotes(s["quotes"], rows)
    if s["guidance"]:
        _guidance(s["guidance"], rows)
    _statements(s["statements"], rows)
    for pos, note in _numbered(s["about_evidence"]):
        rows["evidence_notes"].append(T["evidence_notes"].row(note, position=pos))
        rows["claim_evidence"] += _links("evidence_note", note["id"], note["evidence"])
    _findings(s["findings"], s["confidence"], rows)
    return rows


def _numbered(items):
    """Items with their 1-based position."""
    return enumerate(items, 1)


def _review(r: dict, line_of_argument: dict, rows: Rows) -> None:
    rows["reviews"].append(T["reviews"].row(r, line_of_argument=line_of_argument["text"]))
    rows["claim_evidence"] += _links("line_of_argument", r["id"], line_of_argument["evidence"])
    sections = {"inclusion": r["eligibility"]["inclusion"], "exclusion": r["eligibility"]["exclusion"],
                **r["points"]}
    for section, points in sections.items():
        for pos, point in _numbered(points):
            text, provenance = (point["text"], point["provenance"]) if isinstance(point, dict) else (point, "paper")
            rows["review_points"].append({"review_id": r["id"], "section": section, "position": pos,
                                          "text": text, "provenance": provenance,
                                          "point_id": point.get("id") if isinstance(point, dict) else None})
            if isinstance(point, dict):
                rows["claim_evidence"] += _links("review_point", f"{section}:{pos}", point.get("evidence", []))
    synthesis = r["synthesis"]
    for kind, steps in (("step", synthesis["steps"]), ("level", synthesis.get("levels", []))):
        for pos, step in _numbered(steps):
            rows["synthesis_steps"].append(T["synthesis_steps"].row(step, kind=kind, position=pos))


def _prisma(p: dict, review_id: str, rows: Rows) -> None:
    flow = [("source", src["label"], src["n"]) for src in p["sources"]] + [
        ("identified", "Records identified in total", p["identified"]),
        ("duplicates_removed", "Duplicates removed", p["duplicates_removed"]),
        ("screened", p.get("screened_label", "Records screened"), p["screened"]),
        ("excluded_at_screening", "Records excluded at screening", p["excluded_at_screening"]["n"]),
        ("full_text_assessed", "Full-text articles assessed for eligibility", p["full_text_assessed"]),
        ("excluded_at_full_text", "Full-text articles excluded", p["excluded_at_full_text"]["n"]),
        ("included", p.get("included_label", "Studies included"), p["included"]),
    ]
    if "added_from_references" in p:
        flow.append(("added_from_references", "Studies added from reference lists", p["added_from_references"]))
    for pos, (step, label, n) in _numbered(flow):
        rows["prisma_flow"].append({"position": pos, "step": step, "label": label, "n": n})
    for step in ("excluded_at_screening", "excluded_at_full_text"):
        for pos, reason in _numbered(p[step]["reasons"]):
            rows["prisma_exclusions"].append(T["prisma_exclusions"].row(reason, step=step, position=pos))
    for pos, text in _numbered(p.get("exclusion_criteria_box", [])):
        rows["review_points"].append({"review_id": review_id, "section": "flow_exclusion_criteria",
                                      "position": pos, "text": text, "provenance": "paper"})


def _studies(studies: list, quality: dict, rows: Rows) -> None:
    for pos, st in _numbered(studies):
        rows["studies"].append(T["studies"].row(st, position=pos,
                                                quality_max=quality["max_score"] if st["included"] else None))
        for cpos, text in _numbered(st.get("context", [])):
            rows["study_context"].append({"study_id": st["id"], "position": cpos, "text": text,
                                          "provenance": "public record"})
        for tpos, theme in _numbered(st.get("related", {}).get("themes", [])):
            rows["related_themes"].append(T["related_themes"].row(theme, study_id=st["id"], position=tpos))
            for theme_id in theme["echoes"]:
                rows["related_theme_echoes"].append({"related_theme_id": theme["id"], "theme_id": theme_id,
                                                     "rationale": theme["echo_rationale"],
                                                     "provenance": "editorial"})


def rating_scale(quality: dict) -> list[dict]:
    """The checklist's rating levels: as declared, or (with no scale) the whole numbers the ratings use."""
    if quality.get("scale"):
        return list(quality["scale"])
    used = sorted({r for row in quality["ratings"] for r in row["ratings"]}, reverse=True)
    return [{"id": str(r), "label": str(r), "score": r} for r in used]


def _quality(q: dict, rows: Rows) -> None:
    levels = rating_scale(q)
    scores = {level["id"]: level.get("score") for level in levels}
    for pos, level in _numbered(levels):
        rows["rating_levels"].append(T["rating_levels"].row(level, position=pos))
    for pos, c in _numbered(q["criteria"]):
        rows["quality_criteria"].append(T["quality_criteria"].row(c, position=pos))
    for row in q["ratings"]:
        for criterion, rating in zip(q["criteria"], row["ratings"], strict=True):
            rows["quality_ratings"].append({"study_id": row["study"], "criterion_id": criterion["id"],
                                            "rating": str(rating), "score": scores[str(rating)]})


def _themes(themes: list, constructs: list, rows: Rows) -> None:
    for th in themes:
        rows["themes"].append(T["themes"].row(th))
        rows["claim_evidence"] += _links("theme_summary", th["id"], th["summary_evidence"])
        for link in th["support"]["studies"]:
            rows["study_themes"].append(T["study_themes"].row(link, theme_id=th["id"], provenance="paper"))
        for pos, sub in _numbered(th["subthemes"]):
            rows["subthemes"].append(T["subthemes"].row(sub, theme_id=th["id"], position=pos))
    for c in constructs:
        rows["constructs"].append(T["constructs"].row(c))
        rows["claim_evidence"] += _links("construct", c["id"], c["evidence"])
        for theme_id in c["draws_on"]:
            rows["construct_themes"].append({"construct_id": c["id"], "theme_id": theme_id,
                                             "provenance": "editorial"})


def _vocabulary(stigma_types: list, consequences: list, rows: Rows) -> None:
    for pos, st in _numbered(stigma_types):
        rows["stigma_types"].append(T["stigma_types"].row(st, position=pos))
        rows["claim_evidence"] += _links("stigma_type", st["id"], st.get("evidence", []))
    for pos, c in _numbered(consequences):
        rows["disclosure_consequences"].append(T["disclosure_consequences"].row(c, position=pos))


FIRST_NUMBER = re.compile(r"\d+")


def page_sort(page) -> int | None:
    """A printed page's first number ("109-110" -> 109, "e123" -> 123), for sorting; None if it has none."""
    found = FIRST_NUMBER.search(str(page))
    return int(found.group(0)) if found else None


def _quotes(quotes: list, rows: Rows) -> None:
    links = (("subthemes", "quote_subthemes", "subtheme_id"), ("stigma", "quote_stigma", "stigma_type_id"),
             ("consequences", "quote_consequences", "consequence_id"))
    for pos, q in _numbered(quotes):
        rows["quotes"].append(T["quotes"].row(q, position=pos, page_sort=page_sort(q["page"])))
        for key, table, column in links:
            for provenance, block in (("paper", q), ("editorial", q.get("coding", {}))):
                for ref in block.get(key, []):
                    rows[table].append({"quote_id": q["id"], column: ref, "provenance": provenance})


def _guidance(g: dict, rows: Rows) -> None:
    rows["guidance"].append(T["guidance"].row(g))
    for spos, section in _numbered(g["sections"]):
        rows["guidance_sections"].append(T["guidance_sections"].row(section, position=spos))
        for pos, point in _numbered(section["points"]):
            rows["talking_points"].append(T["talking_points"].row(point, section_id=section["id"], position=pos))
            rows["claim_evidence"] += _links("talking_point", point["id"], point["evidence"])
    for pos, part in _numbered(g["leaflet"]["sections"]):
        rows["leaflet_sections"].append(T["leaflet_sections"].row(part, position=pos))
        rows["claim_evidence"] += _links("leaflet_section", part["id"], part["evidence"])


def _statements(statements: list, rows: Rows) -> None:
    for pos, st in _numbered(statements):
        rows["statements"].append(T["statements"].row(st, position=pos))
        for spos, study in _numbered(st.get("studies", [])):
            rows["statement_studies"].append({"statement_id": st["id"], "study_id": study, "position": spos})


# What a claim may link, in the order its links are listed on a page.
LINK_KINDS = ("statement", "quote", "study", "finding", "theme", "limitation")


def _links(claim_kind: str, claim_id: str, links: list) -> list[dict]:
    """One row per evidence link of a claim, in the order written, with its relation."""
    return [{"claim_kind": claim_kind, "claim_id": claim_id, "position": pos, "evidence_kind": kind,
             "evidence_id": link[kind], "relation": link["relation"], "provenance": "editorial"}
            for pos, link in _numbered(links) for kind in LINK_KINDS if kind in link]


def _findings(findings: list, confidence: dict | None, rows: Rows) -> None:
    """The findings, their contributing studies, their Evidence Profiles and the links to what supports them; and
    the vocabulary of the method they were judged with, when any finding is assessed."""
    for pos, finding in _numbered(findings):
        rows["findings"].append(T["findings"].row(finding, position=pos))
        for spos, study in _numbered(finding["studies"]):
            rows["finding_studies"].append({"finding_id": finding["id"], "study_id": study, "position": spos})
        for jpos, judgement in _numbered((finding.get("assessment") or {}).get("components", [])):
            rows["finding_judgements"].append(T["finding_judgements"].row(judgement, finding_id=finding["id"],
                                                                        position=jpos))
        rows["claim_evidence"] += _links("finding", finding["id"], finding.get("evidence", []))
    if not any("assessment" in finding for finding in findings) and confidence is None:
        return
    method = method_of(confidence)
    rows["confidence_method"].append({"method": method.name, "reference": method.reference,
                                      "overall_source": method.overall_source,
                                      "note": (confidence or {}).get("note")})
    empty = dict(component_id=None, component_label=None, component_meaning=None, component_position=None)
    for pos, level in _numbered(method.overall):
        rows["confidence_levels"].append({**empty, "id": level.id, "label": level.label, "meaning": level.meaning,
                                          "position": pos})
    for cpos, component in _numbered(method.components):
        for pos, level in _numbered(component.levels):
            rows["confidence_levels"].append({
                "component_id": component.id, "component_label": component.label,
                "component_meaning": component.meaning, "component_position": cpos, "id": level.id,
                "label": level.label, "meaning": level.meaning, "position": pos})
