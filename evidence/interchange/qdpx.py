"""REFI-QDA projects (.qdpx), the exchange format of NVivo, ATLAS.ti, MAXQDA and QualCoder, in and out.

In: codes become themes and subthemes (the researcher says which level of the code tree is which); cases, or else
documents, become studies, their variables the studies' characteristics; each coded text selection becomes a quote,
sliced from its document by its start and end positions.

Positions count Unicode code points from 0 (REFI-QDA 1.5, section 10.2), the end one past the last. Tools differ in
counting a Windows line break: ATLAS.ti counts CR LF as one character. So the convention is found per document:
the one under which the selections' own texts (their `name`, where a tool writes the selected text there) match
what the positions slice. A selection whose text then does not match is reported with both texts, never imported.

An archive is untrusted: its size, member count, unpacked size and compression ratio are bounded, no member may
leave the archive's folder, the XML is parsed with defusedxml (no entities, no DTD) and validated against the REFI-QDA
1.5 project schema (refi_qda_project.xsd, REFI's, MIT licensed) before anything is read from it.

Out: the synthesis as a project that validates against the same schema: a code per theme with a child code per
subtheme, a case per study with its characteristics as variables, and a text document per study holding its quotes,
each a selection coded to its theme and subthemes, its page in the selection's description."""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..citations import page_label
from ..format.yaml_file import FORBIDDEN
from .synthesis import ImportProblem, Quote, Study, Subtheme, Synthesis, Theme, parse_page, slug, year_of

NS = "urn:QDA-XML:project:1.0"
Q = f"{{{NS}}}"
SCHEMA = Path(__file__).with_name("refi_qda_project.xsd")
MAX_ARCHIVE_BYTES = 200 * 2**20
MAX_MEMBERS = 2_000
MAX_UNPACKED_BYTES = 500 * 2**20
MAX_RATIO = 100  # unpacked over packed, for members above RATIO_FLOOR
RATIO_FLOOR = 2**20
PROJECT = "project.qde"
GUID_NAMESPACE = uuid.UUID("8f6a5c1e-3b0e-4c55-9a3e-2f1d7c9b4e10")  # export GUIDs are stable for the same synthesis

# Case or document variables read as a study's fields (folded names).
VARIABLES = {
    "id": ("id", "study id"), "citation": ("citation", "short citation", "reference"), "year": ("year",),
    "authors": ("authors", "author"), "title": ("title",), "journal": ("journal",),
    "source": ("source type", "data type", "type of data"), "aim": ("aim", "aims", "objective"),
    "n": ("n", "sample", "sample size", "participants"), "location": ("location", "country", "setting"),
    "definition": ("definition",), "data_collection": ("data collection",), "analysis": ("analysis",)}
HEADERS = {"id": "Study id", "citation": "Citation", "year": "Year", "authors": "Authors", "title": "Title",
           "journal": "Journal", "source": "Source type", "aim": "Aim", "n": "Sample", "location": "Location",
           "definition": "Definition", "data_collection": "Data collection", "analysis": "Analysis"}
CONVENTIONS = ("code points", "CR LF as one character")


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def _problem(where: str, message: str, fix: str) -> ImportProblem:
    return ImportProblem(where, message, fix)


def _safe_member(name: str) -> bool:
    path = PurePosixPath(name.replace("\\", "/"))
    return not path.is_absolute() and ".." not in path.parts and not re.match(r"^[A-Za-z]:", name)


def archive_problems(archive: zipfile.ZipFile, where: str, fix: str) -> list[ImportProblem]:
    """Why a zip archive from outside (a .qdpx, an .xlsx) is refused before anything in it is unpacked: too many
    members, a member path that leaves its folder, an encrypted member, too much unpacked, or a member compressed
    like a zip bomb."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        return [_problem(where, f"holds {len(members):,} files, more than the {MAX_MEMBERS:,} read", fix)]
    problems = [_problem(f"{where}: {m.filename}", "is a path that leaves the archive's folder", fix)
                for m in members if not _safe_member(m.filename)]
    problems += [_problem(f"{where}: {m.filename}", "is encrypted, which the import cannot read",
                          "export it again without a password") for m in members if m.flag_bits & 0x1]
    total = sum(m.file_size for m in members)
    if total > MAX_UNPACKED_BYTES:
        problems.append(_problem(where, f"unpacks to {total:,} bytes, more than {MAX_UNPACKED_BYTES:,}", fix))
    problems += [_problem(f"{where}: {m.filename}", f"is compressed {m.file_size // max(m.compress_size, 1):,} "
                          f"to 1, more than {MAX_RATIO} to 1 (a zip bomb?)", fix)
                 for m in members if m.file_size > RATIO_FLOOR and m.file_size > MAX_RATIO * m.compress_size]
    return problems


def open_archive(path: Path) -> tuple[dict[str, bytes] | None, list[ImportProblem]]:
    """The archive's members by name, read within the limits, or the problems that refused it."""
    where = path.name
    if path.stat().st_size > MAX_ARCHIVE_BYTES:
        return None, [_problem(where, f"is larger than {MAX_ARCHIVE_BYTES // 2**20} MB",
                               "export the project without its audio and video")]
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        return None, [_problem(where, f"is not a .qdpx (zip) archive ({exc})",
                               "export the project again as REFI-QDA (.qdpx)")]
    with archive:
        problems = archive_problems(archive, where, "export the project again from your QDA program")
        if problems:
            return None, problems
        members = archive.infolist()
        if PROJECT not in archive.namelist():
            return None, [_problem(where, f"has no {PROJECT}", "export the project again as REFI-QDA (.qdpx)")]
        files: dict[str, bytes] = {}
        budget = MAX_UNPACKED_BYTES
        for member in members:
            if member.is_dir() or not (member.filename == PROJECT or member.filename.lower().endswith(".txt")):
                continue  # only the project and plain texts are read; documents, pictures and media are not
            try:
                with archive.open(member) as handle:
                    data = handle.read(budget + 1)  # never more than the budget, whatever the header claims
            except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
                # damaged (its data no longer matches its checksum, or is cut short) or packed in a way zipfile
                # cannot unpack
                return None, [_problem(f"{where}: {member.filename}", f"could not be unpacked ({exc})",
                                       "export the project again from your QDA program")]
            budget -= len(data)
            if budget < 0:
                return None, [_problem(where, "unpacks to more than its header says",
                                       "export the project again from your QDA program")]
            files[member.filename.replace("\\", "/")] = data
        return files, []


def parse_project(data: bytes, where: str) -> tuple[ET.Element | None, list[ImportProblem]]:
    """project.qde parsed safely and validated against the REFI-QDA 1.5 project schema."""
    import defusedxml.ElementTree as SafeET
    import xmlschema
    from defusedxml import DefusedXmlException

    try:
        root = SafeET.fromstring(data)
    except DefusedXmlException as exc:
        return None, [_problem(where, f"declares entities or a DTD ({type(exc).__name__}), which the import refuses",
                               "export the project again from your QDA program")]
    except ET.ParseError as exc:
        return None, [_problem(f"{where} line {exc.position[0]}", f"is not well-formed XML ({exc})",
                               "export the project again from your QDA program")]
    schema = xmlschema.XMLSchema(str(SCHEMA))
    resource = xmlschema.XMLResource(data, defuse="always")
    problems = []
    for error in schema.iter_errors(resource):
        line = getattr(error, "sourceline", None)
        problems.append(_problem(f"{where}" + (f" line {line}" if line else ""),
                                 f"does not follow the REFI-QDA 1.5 project schema at {error.path}: {error.reason}",
                                 "export the project again with your QDA program's REFI-QDA export"))
        if len(problems) >= 20:
            break
    return (None, problems) if problems else (root, [])


@dataclass
class Code:
    guid: str
    name: str
    level: int
    parent: Code | None
    description: str = ""
    children: list[Code] = field(default_factory=list)


def _codes(root: ET.Element) -> dict[str, Code]:
    found: dict[str, Code] = {}

    def walk(element, level, parent):
        for child in element.findall(f"{Q}Code"):
            code = Code(child.get("guid"), child.get("name"), level, parent,
                        (child.findtext(f"{Q}Description") or "").strip())
            found[code.guid.upper()] = code
            if parent:
                parent.children.append(code)
            walk(child, level + 1, code)

    walk(root.find(f"{Q}CodeBook/{Q}Codes") if root.find(f"{Q}CodeBook") is not None else ET.Element("x"), 1, None)
    return found


def _ancestor(code: Code, level: int) -> Code | None:
    while code is not None and code.level > level:
        code = code.parent
    return code if code is not None and code.level == level else None


def _values(element: ET.Element, names: dict[str, str]) -> dict[str, str]:
    """Variable values of a case or document, by variable name."""
    values = {}
    for value in element.findall(f"{Q}VariableValue"):
        ref = value.find(f"{Q}VariableRef")
        name = names.get((ref.get("targetGUID") if ref is not None else "").upper(), "")
        for child in value:
            if child.tag != f"{Q}VariableRef" and child.text is not None:
                values[name] = child.text.strip()
    return values


@dataclass
class Document:
    guid: str
    name: str
    text: str
    element: ET.Element


def _documents(root: ET.Element, files: dict[str, bytes], where: str,
               problems: list[ImportProblem]) -> dict[str, Document]:
    documents = {}
    for element in root.iter(f"{Q}TextSource"):
        name, guid = element.get("name") or element.get("guid"), element.get("guid").upper()
        inline = element.findtext(f"{Q}PlainTextContent")
        path = element.get("plainTextPath")
        if inline is not None:
            text = inline
        elif path and path.startswith("internal://"):
            member = "sources/" + path.removeprefix("internal://")
            found = next((k for k in files if k.lower() == member.lower()), None)
            if found is None:
                problems.append(_problem(f"{where}: document '{name}'", f"names {path}, which the archive lacks",
                                         "export the project again with its sources included"))
                continue
            try:
                text = files[found].decode("utf-8-sig")
            except UnicodeDecodeError:
                problems.append(_problem(f"{where}: {found}", "is not UTF-8 text, as REFI-QDA requires",
                                         "export the project again; the plain texts must be UTF-8"))
                continue
        else:
            if element.find(f"{Q}PlainTextSelection") is not None:
                problems.append(_problem(f"{where}: document '{name}'",
                                         f"keeps its text outside the archive ({path or 'no path'})",
                                         "export the project with its sources embedded (internal://)"))
            continue
        documents[guid] = Document(guid, name, text, element)
    return documents


@dataclass
class Selection:
    element: ET.Element
    document: Document
    start: int
    end: int
    name: str


def _slice(text: str, start: int, end: int, convention: str) -> str:
    if convention != CONVENTIONS[0]:
        text = text.replace("\r\n", "\n")
    return text[start:end]


def _same(selected: str, named: str) -> bool:
    """Whether a selection's own text matches what its positions slice (spacing aside; a name a tool cut short with
    an ellipsis matches the start)."""
    a, b = " ".join(selected.split()), " ".join(named.split())
    if b.endswith(("...", "\u2026")):
        return a.startswith(b.rstrip(".\u2026").rstrip())
    return a == b


def _convention(selections: list[Selection]) -> tuple[str, bool]:
    """The line-break convention that makes most selections match their own text, and whether names are texts at
    all (a tool may name a selection 'Selection 1' instead)."""
    options = CONVENTIONS if any("\r\n" in s.document.text for s in selections) else CONVENTIONS[:1]
    scores = [(sum(_same(_slice(s.document.text, s.start, s.end, c), s.name) for s in selections if s.name), c)
              for c in options]
    best, convention = max(scores, key=lambda pair: (pair[0], -options.index(pair[1])))
    return convention, best > 0


def read_qdpx(path: Path, theme_level: int = 1, subtheme_level: int = 2,
              studies_from: str | None = None) -> tuple[Synthesis | None, list[ImportProblem]]:
    """The synthesis a REFI-QDA project holds, or None and every problem found."""
    where = path.name
    if theme_level < 1 or subtheme_level <= theme_level:
        return None, [_problem(where, f"theme level {theme_level} and subtheme level {subtheme_level}",
                               "give --theme-level 1 or more and a --subtheme-level below it")]
    files, problems = open_archive(path)
    if files is None:
        return None, problems
    root, problems = parse_project(files[PROJECT], f"{where}: {PROJECT}")
    if root is None:
        return None, problems
    synthesis = Synthesis(origin=f"the REFI-QDA project {path.name}", title=root.get("name", ""))
    codes = _codes(root)
    depth = max((c.level for c in codes.values()), default=0)
    if subtheme_level > depth:
        return None, [_problem(where, f"--subtheme-level {subtheme_level} is below the code tree's deepest level "
                               f"({_levels(codes)})", "give --theme-level and --subtheme-level the levels that hold "
                               "your themes and subthemes")]
    documents = _documents(root, files, where, problems)
    variables = {v.get("guid").upper(): v.get("name") for v in root.iter(f"{Q}Variable")}
    owners = _studies(root, documents, variables, studies_from, synthesis, where, problems)
    themes = _themes(codes, theme_level, subtheme_level, synthesis, where, problems)
    _selections(documents, owners, codes, themes, theme_level, subtheme_level, synthesis, where, problems)
    unplaced = sum("but to none of the subthemes" in p.message for p in problems)
    if unplaced or (not synthesis.quotes and not problems):
        problems.append(_problem(where, (f"{unplaced} selection(s) coded to a theme but to no subtheme" if unplaced
                                         else "has no coded text selection under a theme code") +
                                 f"; the code tree: {_levels(codes)}; themes were read at level {theme_level} and "
                                 f"subthemes at level {subtheme_level}",
                                 "if the levels are wrong, give --theme-level and --subtheme-level the levels that "
                                 "hold your themes and subthemes (1 is the top)"))
    return (None, problems) if problems else (synthesis, [])


def _levels(codes: dict[str, Code]) -> str:
    """The code tree by level: "level 1: 2 codes (Themes, Memos); level 2: 4 codes (...)"."""
    by_level: dict[int, list[str]] = {}
    for code in codes.values():
        by_level.setdefault(code.level, []).append(code.name)
    return "; ".join(f"level {n}: {len(names)} code(s) ({', '.join(names[:3])}{', ...' if len(names) > 3 else ''})"
                     for n, names in sorted(by_level.items())) or "no codes"


def _study(name: str, values: dict[str, str], taken: set[str], where: str, problems, notes) -> Study:
    fields = {}
    for variable, value in values.items():
        key = next((k for k, names in VARIABLES.items() if _fold(variable) in names), None)
        if key is None:
            notes.append(f"{where}: variable '{variable}' of '{name}' is not one the import reads; not imported")
        elif value:
            fields[key] = value
    citation = fields.get("citation") or name
    ident = fields.get("id", "")
    if not re.fullmatch(r"[a-z][a-z0-9_]*", ident) or ident in taken:
        ident = slug(citation, "study", taken)
    taken.add(ident)
    year = int(fields["year"]) if re.fullmatch(r"(19|20)\d\d", fields.get("year", "")) else year_of(citation)
    if year is None:
        problems.append(_problem(f"{where}: '{name}'", "gives no year (no 'year' variable, none in its name)",
                                 "add a variable 'year', or name the case as the review cites it (Moore et al. 2016)"))
    authors = [a.strip() for a in fields.get("authors", "").split(";") if a.strip()]
    return Study(ident, citation, year, authors, fields.get("title", ""), fields.get("journal", ""),
                 fields.get("source", ""), {k: fields[k] for k in
                                            ("aim", "n", "location", "definition", "data_collection", "analysis")
                                            if k in fields})


def _studies(root, documents, variables, studies_from, synthesis, where, problems) -> dict[str, Study]:
    """The study each document's selections belong to, by document guid."""
    cases = [c for c in root.iter(f"{Q}Case") if c.find(f"{Q}SourceRef") is not None]
    mode = studies_from or ("cases" if cases else "documents")
    taken: set[str] = set()
    owners: dict[str, Study] = {}
    if mode == "cases":
        for case in cases:
            study = _study(case.get("name") or case.get("guid"), _values(case, variables), taken, where, problems,
                           synthesis.notes)
            synthesis.studies.append(study)
            for ref in case.findall(f"{Q}SourceRef"):
                guid = ref.get("targetGUID").upper()
                if guid in owners:
                    problems.append(_problem(f"{where}: case '{case.get('name')}'",
                                             f"shares a document with '{owners[guid].citation}'",
                                             "give each document one case (one study), or import with "
                                             "--studies documents"))
                owners[guid] = study
        for guid, document in documents.items():
            if guid not in owners and document.element.find(f"{Q}PlainTextSelection") is not None:
                problems.append(_problem(f"{where}: document '{document.name}'", "belongs to no case",
                                         "add the document to its study's case, or import with --studies documents"))
    else:
        for guid, document in documents.items():
            study = _study(document.name, _values(document.element, variables), taken, where, problems,
                           synthesis.notes)
            synthesis.studies.append(study)
            owners[guid] = study
    return owners


def _themes(codes, theme_level, subtheme_level, synthesis, where, problems) -> dict[str, tuple[Theme, Subtheme | None]]:
    """The theme (and subtheme) each code stands for, by code guid; codes deeper than the subthemes count as theirs."""
    meaning: dict[str, tuple[Theme, Subtheme | None]] = {}
    theme_ids: set[str] = set()
    sub_ids: set[str] = set()
    for code in [c for c in codes.values() if c.level == theme_level]:
        theme = Theme(slug(code.name, "theme", theme_ids), code.name, description=code.description)
        meaning[code.guid.upper()] = (theme, None)
        for child in codes.values():
            if _ancestor(child, theme_level) is code and child.level == subtheme_level:
                sub = Subtheme(slug(child.name, f"{theme.id}_sub", sub_ids), child.name, child.description)
                theme.subthemes.append(sub)
        synthesis.themes.append(theme)
    for code in codes.values():
        if code.level >= subtheme_level:
            top, sub_code = _ancestor(code, theme_level), _ancestor(code, subtheme_level)
            theme = meaning.get(top.guid.upper(), (None,))[0] if top else None
            if theme is None or sub_code is None:
                continue
            sub = next(s for s in theme.subthemes if s.name == sub_code.name)
            meaning[code.guid.upper()] = (theme, sub)
            if code.level > subtheme_level:
                synthesis.notes.append(f"code '{code.name}' (level {code.level}) is read as its subtheme "
                                       f"'{sub_code.name}'")
    return meaning


def _selections(documents, owners, codes, meaning, theme_level, subtheme_level, synthesis, where, problems) -> None:
    taken: set[str] = set()
    for document in documents.values():
        study = owners.get(document.guid)
        selections = []
        for element in document.element.findall(f"{Q}PlainTextSelection"):
            start, end = int(element.get("startPosition")), int(element.get("endPosition"))
            selections.append(Selection(element, document, start, end, (element.get("name") or "").strip()))
        if study is None or not selections:
            continue
        convention, names_are_texts = _convention(selections)
        if convention != CONVENTIONS[0]:
            synthesis.notes.append(f"document '{document.name}' counts a CR LF line break as one character "
                                   "(as ATLAS.ti does); its positions were read so")
        for selection in selections:
            _selection(selection, study, convention, names_are_texts, codes, meaning, theme_level, synthesis, where,
                       problems, taken)


def _selection(selection, study, convention, names_are_texts, codes, meaning, theme_level, synthesis, where,
               problems, taken) -> None:
    element, document = selection.element, selection.document
    label = f"{where}: document '{document.name}', selection {selection.start}-{selection.end}"
    coded = [codes.get(c.find(f"{Q}CodeRef").get("targetGUID").upper()) for c in element.findall(f"{Q}Coding")
             if c.find(f"{Q}CodeRef") is not None]
    mapped = [meaning[c.guid.upper()] for c in coded if c is not None and c.guid.upper() in meaning]
    for code in coded:
        if code is not None and code.guid.upper() not in meaning:
            synthesis.notes.append(f"{label}: its coding to '{code.name}' (level {code.level}, outside the themes "
                                   f"at level {theme_level}) was not imported")
    if not mapped:
        return
    length = len(document.text.replace("\r\n", "\n")) if convention != CONVENTIONS[0] else len(document.text)
    if not 0 <= selection.start < selection.end <= length:
        problems.append(_problem(label, f"lies outside its document's {length:,} characters",
                                 "export the project again; the document or its selections have changed"))
        return
    text = _slice(document.text, selection.start, selection.end, convention).replace("\r\n", "\n")
    if names_are_texts and selection.name and not _same(text, selection.name):
        problems.append(_problem(label, f"has drifted: its positions select {text!r} but the selection's own text "
                                 f"is {selection.name!r}", "recode the passage in your QDA program and export again, "
                                 "or correct the positions"))
        return
    text = text.strip()
    if FORBIDDEN.search(text):
        problems.append(_problem(label, "selects an invisible control character", "remove it from the document"))
        return
    direct = [theme for theme, sub in mapped if sub is None]
    theme = direct[0] if direct else mapped[0][0]
    subthemes = list(dict.fromkeys(sub.id for _, sub in mapped if sub is not None))
    if not subthemes:
        problems.append(_problem(label, f"is coded to theme '{theme.name}' but to none of the subthemes",
                                 "code it to a subtheme as well (the format ties every quote to a subtheme)"))
        return
    if len(set(t.id for t in direct)) > 1:
        synthesis.notes.append(f"{label}: is coded to several themes directly; it is printed under '{theme.name}'")
    description = (element.findtext(f"{Q}Description") or "").strip()
    page = parse_page(description.splitlines()[0] if description else "")
    synthesis.quotes.append(Quote(_quote_id(description, taken), study.id, theme.id, subthemes, text, page))


QUOTE_ID = re.compile(r"\bquote id:\s*([a-z][a-z0-9_]*)")


def _quote_id(description: str, taken: set[str]) -> str:
    """The id the description gives ("quote id: q07", as the export writes it), else the next number (q001...)."""
    given = QUOTE_ID.search(description)
    ident = given.group(1) if given and given.group(1) not in taken else f"q{len(taken) + 1:03d}"
    while ident in taken:
        ident += "_2"
    taken.add(ident)
    return ident


# --- out --------------------------------------------------------------------------------------------------------

def _guid(*parts: str) -> str:
    return str(uuid.uuid5(GUID_NAMESPACE, "/".join(parts))).upper()


def project_of(sections: dict) -> tuple[ET.Element, dict[str, str]]:
    """The synthesis's project element and its plain-text documents by archive member name."""
    ET.register_namespace("", NS)
    review = sections["review"]
    project = ET.Element(f"{Q}Project", {"name": review["title"], "origin": "evidence (REFI-QDA export)"})
    user = _guid("user")
    ET.SubElement(ET.SubElement(project, f"{Q}Users"), f"{Q}User", {"guid": user, "name": "evidence export"})
    codebook = ET.SubElement(ET.SubElement(project, f"{Q}CodeBook"), f"{Q}Codes")
    code_guid = {}
    for theme in sections["themes"]:
        element = ET.SubElement(codebook, f"{Q}Code", {"guid": _guid("theme", theme["id"]), "name": theme["name"],
                                                      "isCodable": "true"})
        code_guid[("theme", theme["id"])] = element.get("guid")
        for sub in theme["subthemes"]:
            child = ET.SubElement(element, f"{Q}Code", {"guid": _guid("subtheme", sub["id"]), "name": sub["name"],
                                                       "isCodable": "true"})
            ET.SubElement(child, f"{Q}Description").text = sub["description"]
            code_guid[("subtheme", sub["id"])] = child.get("guid")
    variables = ET.SubElement(project, f"{Q}Variables")
    for key, header in HEADERS.items():
        ET.SubElement(variables, f"{Q}Variable", {"guid": _guid("variable", key), "name": header,
                                                  "typeOfVariable": "Text"})
    studies = [s for s in sections["studies"] if s["included"]]
    cases = ET.SubElement(project, f"{Q}Cases")
    sources = ET.SubElement(project, f"{Q}Sources")
    texts = {}
    source_labels = {t["id"]: t["label"] for t in sections.get("source_types", [])}
    for study in studies:
        values = _study_values(study, source_labels)
        case = ET.SubElement(cases, f"{Q}Case", {"guid": _guid("case", study["id"]), "name": study["citation"]})
        for key, value in values.items():
            node = ET.SubElement(case, f"{Q}VariableValue")
            ET.SubElement(node, f"{Q}VariableRef", {"targetGUID": _guid("variable", key)})
            ET.SubElement(node, f"{Q}TextValue").text = value
        document = _guid("document", study["id"])
        ET.SubElement(case, f"{Q}SourceRef", {"targetGUID": document})
        texts[f"Sources/{document}.txt"] = _document(sources, document, study, sections["quotes"], code_guid)
    return project, texts


def _study_values(study: dict, source_labels: dict[str, str]) -> dict[str, str]:
    chars = study.get("characteristics", {})
    authors = study.get("authors")
    values = {"id": study["id"], "citation": study["citation"], "year": str(study["year"]),
              "authors": "; ".join(authors) if isinstance(authors, list) else "",
              "title": study.get("title", ""), "journal": study.get("journal", ""),
              "source": source_labels.get(study.get("source", ""), ""),
              **{k: chars.get(k, "") for k in ("aim", "n", "location", "definition", "data_collection", "analysis")}}
    return {k: v for k, v in values.items() if v and v != "not confirmed"}


def _document(sources: ET.Element, guid: str, study: dict, quotes: list, code_guid: dict) -> str:
    element = ET.SubElement(sources, f"{Q}TextSource", {"guid": guid, "name": study["citation"],
                                                        "plainTextPath": f"internal://{guid}.txt"})
    parts, position = [], 0
    for quote in [q for q in quotes if q["study"] == study["id"]]:
        text = quote["text"]
        selection = ET.SubElement(element, f"{Q}PlainTextSelection", {
            "guid": _guid("quote", quote["id"]), "name": text, "startPosition": str(position),
            "endPosition": str(position + len(text))})
        ET.SubElement(selection, f"{Q}Description").text = f"{page_label(quote['page'])}\nquote id: {quote['id']}"
        subthemes = list(dict.fromkeys(quote.get("subthemes", []) + quote.get("coding", {}).get("subthemes", [])))
        for kind, ident in [("theme", quote["theme"])] + [("subtheme", s) for s in subthemes]:
            coding = ET.SubElement(selection, f"{Q}Coding", {"guid": _guid("coding", quote["id"], kind, ident)})
            ET.SubElement(coding, f"{Q}CodeRef", {"targetGUID": code_guid[(kind, ident)]})
        parts.append(text)
        position += len(text) + 2
    return "\n\n".join(parts)


def write_qdpx(folder: Path, target: Path) -> list[ImportProblem]:
    """Write the synthesis in `folder` (which must pass check) as a REFI-QDA project at `target`."""
    import xmlschema

    from ..format.rules import check_folder

    if target.exists():
        return [_problem(str(target), "exists", "choose a new file name; nothing is overwritten")]
    if not folder.is_dir():
        return [_problem(str(folder), "is not a folder", "give the synthesis folder (the one check reads)")]
    sources, problems = check_folder(folder)
    if problems:
        return [ImportProblem(f"{p.file}:{p.line}", p.message, p.fix) for p in problems]
    project, texts = project_of(sources.sections)
    xml = ET.tostring(project, encoding="utf-8", xml_declaration=True)
    errors = list(xmlschema.XMLSchema(str(SCHEMA)).iter_errors(xml.decode("utf-8")))
    if errors:  # a defect of this exporter, not of the synthesis
        return [_problem(str(target), f"the project written does not validate: {e.reason}",
                         "report this; nothing was written") for e in errors[:5]]
    partial = target.with_name(f".{target.name}.partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(PROJECT, xml)
        for name, text in texts.items():
            archive.writestr(name, text.encode("utf-8"))
    partial.rename(target)
    return []
