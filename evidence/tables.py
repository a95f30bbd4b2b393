"""Turn checked YAML sections into rows for each table of the database."""

from __future__ import annotations

from collections import defaultdict

from .spec import NOT_CONFIRMED

Rows = dict[str, list[dict]]


def to_rows(s: dict) -> Rows:
    """Every table's rows, keyed by table name."""
    rows: Rows = defaultdict(list)
    _review(s["review"], s["line_of_argument"], rows)
    _prisma(s["prisma"], s["review"]["id"], rows)
    _studies(s["studies"], s["quality"], rows)
    _quality(s["quality"], rows)
    _themes(s["themes"], s["constructs"], rows)
    _vocabulary(s["stigma_types"], s["disclosure_consequences"], rows)
    _quotes(s["quotes"], rows)
    _guidance(s["guidance"], rows)
    _statements(s["statements"], rows)
    return rows


def _numbered(items):
    """Items with their 1-based position."""
    return enumerate(items, 1)


def _review(r: dict, line_of_argument: str, rows: Rows) -> None:
    search, quality, synthesis = r["search"], r["quality"], r["synthesis"]
    rows["reviews"].append({
        "id": r["id"], "short_citation": r["short_citation"], "authors": list(r["authors"]),
        "title": r["title"], "journal": r["journal"], "year": r["year"], "year_note": r.get("year_note"),
        "volume": r["volume"], "issue": r["issue"], "pages": r["pages"], "doi": r["doi"],
        "design": r["design"], "question": r["question"], "aim": r["aim"],
        "mmi_definition": r["mmi_definition"], "search_date": search["date"],
        "databases": list(search["databases"]), "google_scholar": search["google_scholar"],
        "reference_screening": search["reference_screening"], "search_terms": search["terms"],
        "reporting_standard": search["reporting_standard"],
        "screening_by": r["eligibility"]["screening_by"], "quality_tool": quality["tool"],
        "quality_appraised_by": quality["appraised_by"], "quality_approach": quality["approach"],
        "quality_summary": quality["summary"], "synthesis_method": synthesis["method"],
        "appendix_note": synthesis["appendix_note"], "line_of_argument": line_of_argument["text"],
    })
    rows["claim_evidence"] += _links("line_of_argument", r["id"], line_of_argument["evidence"])
    sections = {"inclusion": r["eligibility"]["inclusion"], "exclusion": r["eligibility"]["exclusion"],
                **r["points"]}
    for section, points in sections.items():
        for pos, point in _numbered(points):
            text, provenance = (point["text"], point["provenance"]) if isinstance(point, dict) else (point, "paper")
            rows["review_points"].append({"review_id": r["id"], "section": section, "position": pos,
                                          "text": text, "provenance": provenance})
            if isinstance(point, dict):
                rows["claim_evidence"] += _links("review_point", f"{section}:{pos}", point.get("evidence", []))
    for kind, steps in (("translation", synthesis["steps"]), ("construct_order", synthesis["construct_orders"])):
        for pos, step in _numbered(steps):
            rows["synthesis_steps"].append({"kind": kind, "position": pos, **step})


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
            rows["prisma_exclusions"].append({"step": step, "position": pos, **reason})
    for pos, text in _numbered(p.get("exclusion_criteria_box", [])):
        rows["review_points"].append({"review_id": review_id, "section": "flow_exclusion_criteria",
                                      "position": pos, "text": text, "provenance": "paper"})


def _studies(studies: list, quality: dict, rows: Rows) -> None:
    for pos, st in _numbered(studies):
        t1, rel = st.get("table1", {}), st.get("related", {})
        authors = st["authors"]
        rows["studies"].append({
            "id": st["id"], "position": pos, "citation": st["citation"], "included": st["included"],
            "source": st["source"], "year": st["year"], "year_note": st.get("year_note"),
            "authors": authors if authors == NOT_CONFIRMED else "; ".join(authors),
            "first_author": st.get("first_author"), "title": st["title"], "journal": st["journal"],
            "volume": st["volume"], "issue": st["issue"], "pages": st["pages"], "doi": st["doi"],
            "reference_note": st.get("reference_note"), "table_label": t1.get("label"),
            "aim": t1.get("aim", rel.get("aim")), "n_printed": t1.get("n", rel.get("sample")),
            "pmi_definition": t1.get("definition"), "location": t1.get("location", rel.get("location")),
            "data_collection": t1.get("data_collection"), "analysis": t1.get("analysis"),
            "sample_n": st["sample_n"], "sample_unit": st["sample_unit"],
            "quality_score": st.get("quality_score"),
            "quality_max": quality["max_score"] if st["included"] else None,
            "relation": rel.get("relation"), "design": rel.get("design"), "forum": rel.get("forum"),
            "conclusion": rel.get("conclusion"),
        })
        for cpos, text in _numbered(st.get("context", [])):
            rows["study_context"].append({"study_id": st["id"], "position": cpos, "text": text,
                                          "provenance": "public record"})
        for tpos, theme in _numbered(rel.get("themes", [])):
            rows["related_themes"].append({"id": theme["id"], "study_id": st["id"], "position": tpos,
                                           "name": theme["name"], "description": theme["description"]})
            for theme_id in theme["echoes"]:
                rows["related_theme_echoes"].append({"related_theme_id": theme["id"], "theme_id": theme_id,
                                                     "rationale": theme["echo_rationale"],
                                                     "provenance": "editorial"})


def _quality(q: dict, rows: Rows) -> None:
    for pos, c in _numbered(q["criteria"]):
        rows["quality_criteria"].append({"id": c["id"], "position": pos, "short_label": c["short"],
                                         "question": c["question"], "group_label": c.get("group")})
    for row in q["ratings"]:
        for criterion, rating in zip(q["criteria"], row["ratings"], strict=True):
            rows["quality_ratings"].append({"study_id": row["study"], "criterion_id": criterion["id"],
                                            "rating": rating})


def _themes(themes: list, constructs: list, rows: Rows) -> None:
    for th in themes:
        support = th["support"]
        rows["themes"].append({
            "id": th["id"], "number": th["number"], "name": th["name"], "headline": th["headline"],
            "headline_citation": th.get("headline_citation"), "headline_quote_id": th.get("headline_in_quote"),
            "summary": th["summary"], "support_stated": support["stated"], "support_count": support["count"],
        })
        rows["claim_evidence"] += _links("theme_summary", th["id"], th["summary_evidence"])
        for link in support["studies"]:
            rows["study_themes"].append({"study_id": link["study"], "theme_id": th["id"],
                                         "basis": link["basis"], "provenance": "paper"})
        for pos, sub in _numbered(th["subthemes"]):
            rows["subthemes"].append({"id": sub["id"], "theme_id": th["id"], "position": pos,
                                      "name": sub["name"], "description": sub["description"]})
    for c in constructs:
        rows["constructs"].append({"id": c["id"], "number": c["number"], "name": c["name"],
                                   "description": c["description"], "rationale": c["rationale"]})
        rows["claim_evidence"] += _links("construct", c["id"], c["evidence"])
        for theme_id in c["draws_on"]:
            rows["construct_themes"].append({"construct_id": c["id"], "theme_id": theme_id,
                                             "provenance": "editorial"})


def _vocabulary(stigma_types: list, consequences: list, rows: Rows) -> None:
    for pos, st in _numbered(stigma_types):
        rows["stigma_types"].append({"position": pos, **{k: v for k, v in st.items() if k != "evidence"}})
        rows["claim_evidence"] += _links("stigma_type", st["id"], st.get("evidence", []))
    for pos, c in _numbered(consequences):
        rows["disclosure_consequences"].append({"id": c["id"], "position": pos, "label": c["label"],
                                                "paper_text": c["paper_text"], "paper_location": c["where"],
                                                "rule": c["rule"]})


def _quotes(quotes: list, rows: Rows) -> None:
    links = (("subthemes", "quote_subthemes", "subtheme_id"), ("stigma", "quote_stigma", "stigma_type_id"),
             ("consequences", "quote_consequences", "consequence_id"))
    for pos, q in _numbered(quotes):
        rows["quotes"].append({
            "id": q["id"], "position": pos, "study_id": q["study"], "page": q["page"],
            "printed_citation": q["printed_citation"], "source": q["source"], "theme_id": q["theme"],
            "text": q["text"], "content_note": q.get("content_note"),
            "coding_note": q.get("coding", {}).get("note"),
        })
        for key, table, column in links:
            for provenance, block in (("paper", q), ("editorial", q.get("coding", {}))):
                for ref in block.get(key, []):
                    rows[table].append({"quote_id": q["id"], column: ref, "provenance": provenance})


def _guidance(g: dict, rows: Rows) -> None:
    leaflet = g["leaflet"]
    rows["guidance"].append({"title": g["title"], "disclaimer": g["disclaimer"],
                             "confidence_note": g["confidence_note"], "leaflet_title": leaflet["title"],
                             "leaflet_intro": leaflet["intro"]})
    for spos, section in _numbered(g["sections"]):
        rows["guidance_sections"].append({"id": section["id"], "position": spos, "title": section["title"]})
        for pos, point in _numbered(section["points"]):
            rows["talking_points"].append({"id": point["id"], "section_id": section["id"], "position": pos,
                                           "title": point["title"], "short": point["short"], "body": point["body"],
                                           "advice": point.get("advice")})
            rows["claim_evidence"] += _links("talking_point", point["id"], point["evidence"])
    for pos, part in _numbered(leaflet["sections"]):
        rows["leaflet_sections"].append({"id": part["id"], "position": pos, "heading": part["heading"],
                                         "text": part.get("text"), "bullets": list(part.get("bullets", [])),
                                         "staff_note": part.get("staff_note"), "crisis": part.get("crisis", False)})
        rows["claim_evidence"] += _links("leaflet_section", part["id"], part["evidence"])


def _statements(statements: list, rows: Rows) -> None:
    for pos, st in _numbered(statements):
        rows["statements"].append({"id": st["id"], "position": pos, "from_study_id": st.get("from_study"),
                                   "section": st["section"], "text": st["text"],
                                   "quantifier": st.get("quantifier"), "study_count": st.get("study_count")})
        for spos, study in _numbered(st.get("studies", [])):
            rows["statement_studies"].append({"statement_id": st["id"], "study_id": study, "position": spos})


LINK_KINDS = ("statement", "quote", "study")


def _links(claim_kind: str, claim_id: str, links: list) -> list[dict]:
    """One row per evidence link of a claim, in the order written, with its relation."""
    return [{"claim_kind": claim_kind, "claim_id": claim_id, "position": pos, "evidence_kind": kind,
             "evidence_id": link[kind], "relation": link["relation"], "provenance": "editorial"}
            for pos, link in _numbered(links) for kind in LINK_KINDS if kind in link]
