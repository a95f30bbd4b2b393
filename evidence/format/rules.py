"""Check the YAML sources: shape (the JSON Schema), ids and references, then the rules that tie sections
together."""

from __future__ import annotations

import re
from pathlib import Path

from ..confidence import method_of
from ..rows import LINK_KINDS, page_sort
from .declaration import OPTIONAL, SECTIONS
from .folder import Sources, read_sources
from .problems import Checker, Problem, Where, suggest
from .structure import check_sections, validator
from .yaml_file import LineDict, LineList


def check_folder(folder: Path) -> tuple[Sources, list[Problem]]:
    """Read and check a data folder; return its sources and every problem found, one per cause, sorted. Warnings
    (where judgement may differ) are left on the sources (`sources.warnings`): they never stop a build."""
    sources = read_sources(folder)
    checker = Checker(problems=list(sources.problems))
    check_sections(sources, checker)
    # The rules read sections as the declaration shapes them: each runs on sound sections only, so a problem in one
    # file never hides the problems of another (a missing field in review.yaml, say, and rating errors in quality).
    unsound = _unsound(sources, checker)
    for name, empty in OPTIONAL.items():  # a section left out reads as empty
        sources.sections.setdefault(name, empty)
    for rule in RULES:
        if not READS[rule] & unsound:
            rule(sources.sections, sources, checker)
    sources.warnings = sorted(checker.warnings)
    return sources, checker.found()


def _unsound(sources: Sources, checker: Checker) -> set[str]:
    """The sections a rule may not read: a required one missing, or one failing the schema or in a file with any
    problem so far (an unknown id, a YAML error). An optional section left out is sound: it reads as empty."""
    troubled = {problem.file for problem in checker.found()}
    return {name for name in SECTIONS
            if (name not in OPTIONAL if name not in sources.sections else
                sources.file_of(name) in troubled or any(validator().iter_errors({name: sources.sections[name]})))}


def _line(value, key=None) -> int:
    if isinstance(value, LineDict | LineList):
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
        (flow["full_text_assessed"] - flow["excluded_at_full_text"]["n"] + flow.get("added_from_references", 0),
         "included", "assessed less full-text exclusions" + (", plus the studies added from references," if
                                                              flow.get("added_from_references") else "") + " is"),
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
        where = _at(sources, "quality", row, label=f"rating row for study '{row['study']}'")
        rated.add(row["study"])
        scores = _scores(row["ratings"], quality.get("scale"), _at(sources, "quality", row, "ratings", where.label),
                         checker)
        if len(row["ratings"]) != width:
            checker.report(where, f"has {len(row['ratings'])} ratings for {width} criteria",
                           "give one rating per criterion, in the criteria's order")
        elif scores is not None and sum(scores) != row["total"]:
            checker.report(_at(sources, "quality", row, "total", where.label),
                           f"total is {row['total']} but the ratings add up to {sum(scores)}",
                           "correct the total or the ratings so they agree")
        if row["total"] > quality["max_score"]:
            checker.report(where, f"total {row['total']} exceeds max_score {quality['max_score']}",
                           "correct the total or max_score")
        study = studies[row["study"]]
        if not study["included"]:
            checker.report(where, "rates a study that is not included in the synthesis",
                           "remove the row, or mark the study included: true", cause="rates an excluded study")
        elif study.get("quality_score") != row["total"]:
            checker.report(_at(sources, "studies", study, "quality_score", f"study '{study['id']}'"),
                           f"quality_score is {study.get('quality_score')} but its rating row's total is "
                           f"{row['total']}",
                           f"make the two agree with the paper: set quality_score: {row['total']} if that total is "
                           "right")
    _checklist_adds_up(quality, sources, checker)
    for study in s["studies"]:
        if study["included"] and study["id"] not in rated:
            checker.report(_at(sources, "studies", study, "id", f"study '{study['id']}'"),
                           "is included but has no quality rating row",
                           "add a row for it under quality.ratings", cause="no rating row")


def _checklist_adds_up(quality, sources, checker) -> None:
    """The maximum follows from the criteria and what each can score: with a scale, its best level on every
    criterion; without one, max_score spread evenly (11 points on 11 criteria: one point each), no rating above."""
    width, most = len(quality["criteria"]), quality["max_score"]
    if quality.get("scale"):
        best = max(level.get("score") or 0 for level in quality["scale"])
        if most != width * best:
            checker.report(_at(sources, "quality", quality, "max_score"),
                           f"max_score is {most} but {width} criteria scoring at most {best} each can reach "
                           f"{width * best}", f"set max_score: {width * best}, or correct the scale's scores")
        return
    ratings = [r for row in quality["ratings"] for r in row["ratings"] if isinstance(r, int)]
    if most % width:
        return  # criteria of unequal weight: nothing to spread
    each = most // width
    over = sorted({r for r in ratings if r > each})
    if over:
        row = next(row for row in quality["ratings"] if any(r in over for r in row["ratings"] if isinstance(r, int)))
        checker.report(_at(sources, "quality", row, "ratings", f"rating row for study '{row['study']}'"),
                       f"a rating of {over[-1]} on a checklist whose max_score {most} gives its {width} criteria "
                       f"{each} point{'s' if each != 1 else ''} each",
                       "correct the rating, or max_score if the criteria can score more")
    elif ratings and most > width * max(ratings) and max(ratings) <= 1:
        checker.report(_at(sources, "quality", quality, "max_score"),
                       f"max_score is {most} but the {width} criteria are rated 0 or 1, so at most {width}",
                       f"set max_score: {width}, or declare a scale (quality.scale) saying what each rating is worth")


def _scores(ratings, scale, where, checker) -> list[int] | None:
    """The points each rating counts (a level without a score counts none), or None if a rating is not on the
    scale: with a scale, ratings are its level ids; without one, whole numbers of points."""
    if scale:
        levels = {level["id"]: level.get("score") or 0 for level in scale}
        unknown = [str(r) for r in ratings if str(r) not in levels]
        if unknown:
            checker.report(where, f"rating '{unknown[0]}' is not a level of the scale (levels: {', '.join(levels)})",
                           suggest(unknown[0], levels, "use one of the scale's level ids, or add the level to "
                                                        "quality.scale"))
            return None
        return [levels[str(r)] for r in ratings]
    if not all(isinstance(r, int) and not isinstance(r, bool) for r in ratings):
        checker.report(where, "has a rating that is not a whole number, and quality declares no scale",
                       "write each rating as the points given, or declare the levels under quality.scale")
        return None
    return list(ratings)


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
        for key in [key for key in ("headline_citation", "headline_in_quote") if key in theme]:
            if "headline" not in theme:
                checker.report(_at(sources, "themes", theme, key, where.label), f"gives {key} but no headline",
                               f"add the headline phrase the paper heads the theme with, or remove {key}")
        quote = quotes.get(theme.get("headline_in_quote"))
        if quote and "headline" in theme and theme["headline"].lower() not in quote["text"].lower():
            checker.report(_at(sources, "themes", theme, "headline_in_quote", where.label),
                           f"headline '{theme['headline']}' does not appear in quote '{quote['id']}'",
                           "point headline_in_quote at the quote that holds the phrase, or remove it")


def quotes_are_attributed(s, sources, checker) -> None:
    """Every quote comes from an included study and illustrates at least one subtheme."""
    included = {study["id"] for study in s["studies"] if study["included"]}
    themes = {theme["id"]: theme for theme in s["themes"]}
    for quote in s["quotes"]:
        where = _at(sources, "quotes", quote, label=f"quote '{quote['id']}'")
        if quote["study"] not in included:
            checker.report(where, f"cites '{quote['study']}', which is not an included study",
                           "attribute the quote to an included study", cause=("quote from", quote["study"]))
        subthemes = quote.get("subthemes", []) + quote.get("coding", {}).get("subthemes", [])
        if not subthemes:
            checker.report(where, "is linked to no subtheme",
                           "add at least one subtheme under coding.subthemes (editorial) or subthemes (paper)",
                           cause="quote without subtheme")
        _quote_fits_its_theme(quote, themes.get(quote["theme"]), where, checker)
        _citation_names_the_page(quote, sources, where, checker)


PRINTED_PAGE = re.compile(r"\bpp?\.\s*(\d+)")


def theme_quotes_fit_the_support(s, sources, checker) -> None:
    """A theme's printed quotes and named studies together come from no more studies than its support counts (four of
    five studies cannot show quotes from all five)."""
    by_theme: dict[str, list] = {}
    for quote in s["quotes"]:
        by_theme.setdefault(quote["theme"], []).append(quote)
    for theme in s["themes"]:
        support = theme["support"]
        named = {link["study"] for link in support["studies"]}
        quoted = {q["study"] for q in by_theme.get(theme["id"], [])}
        if len(named | quoted) > support["count"] and len(named) < support["count"]:
            extra = sorted(quoted - named)
            checker.report(_at(sources, "themes", support, "count", f"theme '{theme['id']}'"),
                           f"support counts {support['count']} studies, but its named studies and printed quotes "
                           f"come from {len(named | quoted)} (quotes from {', '.join(extra)} beside the "
                           f"{len(named)} named)", "check the quotes' studies and themes, or the support count")


def authors_are_one_each(s, sources, checker) -> None:
    """An author holds no ';': authors are stored joined with '; ', so one would come back as two (on the page and
    in the RIS and BibTeX exports)."""
    for section, record, label in [("review", s["review"], f"review '{s['review']['id']}'")] + [
            ("studies", study, f"study '{study['id']}'") for study in s["studies"]]:
        authors = record.get("authors")
        for index, author in enumerate(authors if isinstance(authors, list) else []):
            if ";" in author:
                checker.report(_at(sources, section, authors, index, label),
                               f"author '{author}' holds a ';', which separates authors where they are stored",
                               "write one author per list item (split it, or drop the ';')")


def citations_agree(s, sources, checker) -> None:
    """Each study's citation is its own, and a quote's printed citation names the quote's own study and year."""
    seen: dict[str, str] = {}
    studies = {study["id"]: study for study in s["studies"]}
    for study in s["studies"]:
        key = _cited(study["citation"])
        if key in seen:
            checker.report(_at(sources, "studies", study, "citation", f"study '{study['id']}'"),
                           f"citation '{study['citation']}' is also study '{seen[key]}''s",
                           "give each study the citation that tells it apart (the review's own, e.g. with a, b)")
        seen.setdefault(key, study["id"])
    for quote in s["quotes"]:
        study = studies.get(quote["study"])
        printed, own = _cited(quote["printed_citation"]), _cited(study["citation"]) if study else ""
        if study is None or printed == own or printed.startswith(own + " "):  # then its page
            continue
        checker.report(_at(sources, "quotes", quote, "printed_citation", f"quote '{quote['id']}'"),
                       f"printed citation '{quote['printed_citation']}' does not name its study, "
                       f"'{study['citation']}' ({quote['study']})",
                       "check which study the paper cites for the quote: correct study: (the card cites it), or the "
                       "printed citation as the paper prints it")


def _cited(citation: str) -> str:
    """A citation's authors and year, folded: case, punctuation and '&' aside ("Moore and Ayers, 2016")."""
    folded = citation.casefold().replace("&", " and ")
    return " ".join(re.sub(r"[^\w]+", " ", folded).split())


def _quote_fits_its_theme(quote, theme, where, checker) -> None:
    """A quote printed under a theme whose support names every study must come from one of them."""
    if theme is None:
        return
    support = theme["support"]
    named = {link["study"] for link in support["studies"]}
    if len(named) == support["count"] and quote["study"] not in named:
        checker.report(where, f"comes from '{quote['study']}', but theme '{theme['id']}' names all its "
                              f"{support['count']} supporting studies and not that one",
                       f"check the quote's study and theme, or add '{quote['study']}' to the theme's support",
                       cause=("outside the support", theme["id"], quote["study"]))


def _citation_names_the_page(quote, sources, where, checker) -> None:
    """The page in the printed citation, where it prints one, is the quote's page (its first number)."""
    printed = PRINTED_PAGE.search(quote["printed_citation"])
    if printed and int(printed.group(1)) != page_sort(quote["page"]):
        checker.report(_at(sources, "quotes", quote, "page", where.label),
                       f"page is {quote['page']} but the printed citation says p. {printed.group(1)}",
                       "make page the page the printed citation gives")


def studies_are_complete(s, sources, checker) -> None:
    """Included studies carry Table 1 and a quality score; related evidence carries its details."""
    for study in s["studies"]:
        where = _at(sources, "studies", study, label=f"study '{study['id']}'")
        if study["included"]:
            for key in ("characteristics", "quality_score"):
                if key not in study:
                    checker.report(where, f"is included but has no {key}", f"add '{key}:' to the study",
                                   cause=("included without", key))
            if "related" in study:
                checker.report(where, "is included but has related-study details",
                               "remove 'related:' or set included: false")
        elif "related" not in study:
            checker.report(where, "is not included but has no related-study details",
                           "add 'related:' saying how it relates to the synthesis")


def statements_are_attributed(s, sources, checker) -> None:
    """A statement's named studies fit its count; one from a related study names only that study."""
    studies = {study["id"]: study for study in s["studies"]}
    included = {sid for sid, study in studies.items() if study["included"]}
    for statement in s["statements"]:
        where = _at(sources, "statements", statement, label=f"statement '{statement['id']}'")
        named, origin = statement.get("studies", []), statement.get("from_study")
        if len(set(named)) != len(named):
            checker.report(where, "names a study twice", "list each study once under studies")
        if origin is not None and origin in included:
            checker.report(_at(sources, "statements", statement, "from_study", where.label),
                           f"from_study '{origin}' is an included study",
                           "leave from_study out for the review's own sentences; use it only for a related study")
        allowed = {origin} if origin else included
        for study in [sid for sid in named if sid not in allowed]:
            checker.report(_at(sources, "statements", statement, "studies", where.label),
                           f"names '{study}', which is not " + (f"the study it comes from ('{origin}')" if origin
                                                                else "an included study"),
                           "name only the studies the sentence's source ties to it")
        count = statement.get("study_count")
        if count is not None and not len(set(named)) <= count <= len(included):
            checker.report(_at(sources, "statements", statement, "study_count", where.label),
                           f"study_count {count} must be between the {len(set(named))} studies named and the "
                           f"{len(included)} included", "correct study_count or the studies named")


# What a claim that reports the paper may rest on: a sentence of it, or a finding it summarises; a talking point may
# also rest on a theme or a limitation the paper states.
OF_THE_PAPER = ("statement", "finding")
OF_THE_PAPER_FOR_ADVICE = (*OF_THE_PAPER, "theme", "limitation")


def _claims(s):
    """Every editorial claim that links evidence: (section, node, label, links, the kinds of link one of which it
    must rest on to report the paper; empty if it need not)."""
    guidance = s["guidance"] or {"sections": [], "leaflet": {"sections": []}}
    for section in guidance["sections"]:
        for point in section["points"]:
            yield ("guidance", point, f"talking point '{point['id']}'", point["evidence"],
                   OF_THE_PAPER_FOR_ADVICE if point["evidence"] else ())
    for part in guidance["leaflet"]["sections"]:
        yield "guidance", part, f"leaflet section '{part['id']}'", part["evidence"], ()
    for theme in s["themes"]:
        yield "themes", theme, f"theme '{theme['id']}' summary", theme["summary_evidence"], OF_THE_PAPER
    for construct in s["constructs"]:
        yield "constructs", construct, f"construct '{construct['id']}'", construct["evidence"], OF_THE_PAPER
    yield "line_of_argument", s["line_of_argument"], "line_of_argument", s["line_of_argument"]["evidence"], OF_THE_PAPER
    for stigma_type in s["stigma_types"]:
        yield "stigma_types", stigma_type, f"stigma type '{stigma_type['id']}'", stigma_type.get("evidence", []), ()
    for section, points in s["review"]["points"].items():
        for pos, point in enumerate(points, 1):
            yield ("review", point, f"review point {section} {pos}", point.get("evidence", []),
                   OF_THE_PAPER if point["provenance"] == "paper" else ())
    for note in s["about_evidence"]:
        yield "about_evidence", note, f"evidence note '{note['id']}'", note["evidence"], ()
    for finding in s["findings"]:
        yield "findings", finding, f"finding '{finding['id']}'", finding.get("evidence", []), ()


def claims_are_linked(s, sources, checker) -> None:
    """Each link names one thing once; claims that report the paper rest on at least one statement of it."""
    kinds = ", ".join(LINK_KINDS[:-1]) + " and " + LINK_KINDS[-1]
    keys = ", ".join(f"{kind}:" for kind in LINK_KINDS[:-1]) + f" or {LINK_KINDS[-1]}:"
    for section, node, label, links, rests_on in _claims(s):
        where = _at(sources, section, node, label=label)
        targets = []
        for link in links:
            named = [key for key in LINK_KINDS if key in link]
            if len(named) != 1:
                checker.report(_at(sources, section, link, label=label),
                               f"an evidence link names {len(named) or 'none'} of {kinds}",
                               f"give each link exactly one of {keys} and its relation:")
            targets += [(key, link[key]) for key in named]
        if len(set(targets)) != len(targets):
            checker.report(where, "links the same evidence twice", "list each statement, quote or study once")
        if rests_on and not any(key in rests_on for key, _ in targets):
            others = "".join(f", or {{{kind}: ID, relation: states}}" for kind in rests_on if kind != "statement")
            checker.report(where, "rests on no statement of the paper",
                           "link the paper's sentence(s) it reports under evidence, as {statement: ID, relation: "
                           f"states}}{others} (add the sentence to the statements section if it is not there)")


# A title is read before anything else on a point, and printed under the point's label: on a point linked to the
# review it is a claim like the body, so it may not add advice. These words open an instruction to the reader (an
# English imperative) and rarely open a heading; words that also open noun headings ("use", "support", "help",
# "point", "offer") are left out, and a title that speaks to the reader ("you", "your") is advice whatever its
# first word.
INSTRUCTION_VERBS = frozenset((
    "acknowledge", "agree", "always", "ask", "assess", "avoid", "be", "beware", "check", "consider", "discuss", "do",
    "don't", "encourage", "ensure", "explain", "explore", "find", "follow", "frame", "get", "give", "invite", "keep",
    "know", "let", "listen", "mention", "never", "normalise", "normalize", "praise", "reassure", "recognise",
    "recognize", "refer", "reframe", "remember", "remind", "respond", "say", "seek", "signpost", "suggest", "take",
    "talk", "tell", "think", "treat", "try", "validate", "warn"))
SECOND_PERSON = re.compile(r"\b(you|your|yours|yourself)\b", re.IGNORECASE)
FIRST_WORD = re.compile(r"[A-Za-z']+")


def instruction_in(title: str) -> str | None:
    """What makes a title read as an instruction to the reader (its first word, or a 'you'), or None."""
    heading = re.sub(r"^our reading:\s*", "", title.strip(), flags=re.IGNORECASE)
    first = FIRST_WORD.match(heading)
    if first and first.group(0).lower() in INSTRUCTION_VERBS:
        return f"it opens with '{first.group(0)}'"
    second = SECOND_PERSON.search(heading)
    return f"it speaks to the reader ('{second.group(0)}')" if second else None


def linked_titles_add_no_advice(s, sources, checker) -> None:
    """A talking point linked to the review has a title that says what the evidence says, not advice; advice goes
    in `advice`, which is labelled practice advice."""
    for section in (s["guidance"] or {"sections": []})["sections"]:
        for point in section["points"]:
            found = instruction_in(point["title"]) if point["evidence"] else None
            if found:
                checker.report(_at(sources, "guidance", point, "title", f"talking point '{point['id']}'"),
                               f"title '{point['title']}' reads as advice ({found}), yet the point is linked to "
                               "the review and printed under its label",
                               "write the title as what the linked evidence says (e.g. 'Providers could discuss "
                               "forum use') and put the instruction in advice:, which is labelled practice advice; "
                               "or link nothing, making the whole point practice advice")


def findings_hold_to_their_method(s, sources, checker) -> None:
    """Each finding credits only studies its evidence comes from, and its assessment judges every component of the
    review's method once, with that component's own levels: the misapplications Wainwright et al. (2023) found most
    often. Where judgement may differ, a warning instead."""
    method = method_of(s["confidence"])
    quotes = {quote["id"]: quote["study"] for quote in s["quotes"]}
    statements = {st["id"]: {*st.get("studies", []), *([st["from_study"]] if "from_study" in st else [])}
                  for st in s["statements"]}
    included = {study["id"] for study in s["studies"] if study["included"]}
    theme_of = {sub["id"]: theme["id"] for theme in s["themes"] for sub in theme["subthemes"]}
    for finding in s["findings"]:
        label = f"finding '{finding['id']}'"
        where = _at(sources, "findings", finding, label=label)
        studies = finding["studies"]
        if len(set(studies)) != len(studies):
            checker.report(_at(sources, "findings", finding, "studies", label), "lists a contributing study twice",
                           "list each contributing study once")
        for study in [sid for sid in studies if sid not in included]:
            checker.report(_at(sources, "findings", finding, "studies", label),
                           f"lists '{study}', which is not an included study",
                           "list only studies of the synthesis; related evidence does not contribute to a finding")
        if "theme" in finding and "subtheme" in finding and theme_of.get(finding["subtheme"]) != finding["theme"]:
            checker.report(_at(sources, "findings", finding, "subtheme", label),
                           f"subtheme '{finding['subtheme']}' is not under theme '{finding['theme']}'",
                           "give the theme the subtheme sits under, or only one of them")
        _evidence_fits_the_studies(finding, quotes, statements, sources, checker, label)
        if "assessment" in finding:
            _assessed_by_the_method(finding, method, sources, checker, label, where)


def level_wordings_fit_the_method(s, sources, checker) -> None:
    """The review's own wording of a level names one of its method's levels, once, and says something: a review words
    the method's levels, it does not invent one (a level the method lacks would have no place in its order)."""
    method = method_of(s["confidence"])
    seen = set()
    for wording in (s["confidence"] or {}).get("levels", []):
        component = wording.get("component")
        of = f"component {component}" if component else "overall levels"
        label = f"level wording '{wording['level']}'"
        where = _at(sources, "confidence", wording, label=label)
        if component and method.component(component) is None:
            checker.report(_at(sources, "confidence", wording, "component", label),
                           f"'{component}' is not a component of {method.name}",
                           f"use one of: {', '.join(c.id for c in method.components)}")
            continue
        ids = [level.id for level in method.levels_of(component)]
        if wording["level"] not in ids:
            checker.report(_at(sources, "confidence", wording, "level", label),
                           f"'{wording['level']}' is not one of {method.name}'s {of}",
                           f"use one of: {', '.join(ids)}" + ("" if component else "; for a component's level, "
                                                               "add component:"))
        elif (component, wording["level"]) in seen:
            checker.report(where, f"words the level '{wording['level']}' of {of} twice",
                           "keep one wording per level")
        seen.add((component, wording["level"]))
        if "label" not in wording and "meaning" not in wording:
            checker.report(where, "gives neither a label nor a meaning",
                           "add label:, meaning: or both, or leave the level out to keep the method's wording")


def _evidence_fits_the_studies(finding, quotes, statements, sources, checker, label) -> None:
    backed = set()
    for link in finding.get("evidence", []):
        if "quote" in link and link["quote"] in quotes:
            study = quotes[link["quote"]]
            backed.add(study)
            if study not in finding["studies"]:
                checker.report(_at(sources, "findings", link, label=label),
                               f"links quote '{link['quote']}' from '{study}', which is not among its contributing "
                               "studies", f"add '{study}' to studies, or link a quote from a contributing study")
        elif "statement" in link:
            backed |= statements.get(link["statement"], set())
    if not any("quote" in link or "statement" in link for link in finding.get("evidence", [])):
        return  # nothing linked to hold the list to: the studies stand as the review lists them
    for study in [sid for sid in finding["studies"] if sid not in backed]:
        checker.report(_at(sources, "findings", finding, "studies", label),
                       f"credits '{study}', but none of its linked quotes or statements comes from that study",
                       f"link a quote of '{study}' or a statement naming it, or take it out of studies")


def _assessed_by_the_method(finding, method, sources, checker, label, where) -> None:
    assessment = finding["assessment"]
    judged: dict[str, dict] = {}
    for judgement in assessment["components"]:
        at = _at(sources, "findings", judgement, label=label)
        component = method.component(judgement["component"])
        if component is None:
            checker.report(at, f"'{judgement['component']}' is not a component of {method.name}",
                           suggest(judgement["component"], [c.id for c in method.components],
                                   f"judge {method.name}'s components: "
                                   + ", ".join(c.id for c in method.components)))
            continue
        if component.id in judged:
            checker.report(at, f"judges {component.id} twice", "keep one judgement per component")
        judged[component.id] = judgement
        levels = [level.id for level in component.levels]
        if judgement["concern"] not in levels:
            checker.report(_at(sources, "findings", judgement, "concern", label),
                           f"'{judgement['concern']}' is not a level of {component.id} in {method.name}",
                           f"use one of: {', '.join(levels)}")
    missing = [c.id for c in method.components if c.id not in judged]
    if missing:
        checker.report(_at(sources, "findings", finding, "assessment", label),
                       f"its assessment leaves out {', '.join(missing)}: {method.name} judges every component",
                       f"add a judgement (component, concern, explanation) for {', '.join(missing)}; if the "
                       "authors did not judge it, leave the whole assessment out")
    if method.overall_level(assessment["confidence"]) is None:
        checker.report(_at(sources, "findings", assessment, "confidence", label),
                       f"'{assessment['confidence']}' is not an overall level of {method.name}",
                       f"use one of: {', '.join(level.id for level in method.overall)}")
    adequacy = judged.get("adequacy")
    if adequacy and adequacy["concern"] == "no_or_very_minor" and len(finding["studies"]) == 1:
        checker.warn(_at(sources, "findings", adequacy, "concern", label),
                     "has no or very minor concerns on adequacy with a single contributing study",
                     "check that the authors judged one study's data rich enough; keep it if they did")
    serious = [cid for cid, judgement in judged.items() if judgement["concern"] == "serious"]
    if assessment["confidence"] == "high" and serious:
        checker.warn(_at(sources, "findings", assessment, "confidence", label),
                     f"has high overall confidence with serious concerns on {', '.join(serious)}",
                     "check the overall level against the components; keep it if the authors explain why")


RULES = [prisma_adds_up, quality_adds_up, themes_are_consistent, quotes_are_attributed, studies_are_complete,
         statements_are_attributed,
         claims_are_linked, linked_titles_add_no_advice, theme_quotes_fit_the_support, citations_agree,
         authors_are_one_each, findings_hold_to_their_method, level_wordings_fit_the_method]
# The sections each rule reads (a test holds this to the rules' code): a rule runs when all of them are sound.
READS = {
    prisma_adds_up: {"prisma", "studies"}, quality_adds_up: {"quality", "studies"},
    themes_are_consistent: {"quotes", "studies", "themes"}, quotes_are_attributed: {"quotes", "studies", "themes"},
    studies_are_complete: {"studies"}, statements_are_attributed: {"statements", "studies"},
    claims_are_linked: {"about_evidence", "constructs", "findings", "guidance", "line_of_argument", "review",
                        "stigma_types", "themes"},
    linked_titles_add_no_advice: {"guidance"}, theme_quotes_fit_the_support: {"quotes", "themes"},
    citations_agree: {"quotes", "studies"}, authors_are_one_each: {"review", "studies"},
    findings_hold_to_their_method: {"confidence", "findings", "quotes", "statements", "studies", "themes"},
    level_wordings_fit_the_method: {"confidence"},
}
