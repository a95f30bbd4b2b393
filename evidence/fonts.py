"""The fonts the printed handouts embed: Unicode TrueType fonts from the system (Debian's Noto, or DejaVu), so a
quote in Russian, Japanese or Arabic, or a crisis line in Łódź, prints as written. No Streamlit here.

The text decides what is loaded: the Latin family always, an Arabic or CJK fallback only when the text holds those
scripts (a CJK collection costs a third of a second to read). A character no available font covers is reported by
`uncovered`, never drawn as "?".
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

FONT_DIRS = [Path(p) for p in os.environ.get("EVIDENCE_FONT_DIRS", "").split(os.pathsep) if p] + [
    Path("/usr/share/fonts/truetype/noto"), Path("/usr/share/fonts/opentype/noto"),
    Path("/usr/share/fonts/truetype/dejavu")]
INSTALL = "install Debian's fonts-noto-core and fonts-noto-cjk (apt-get install fonts-noto-core fonts-noto-cjk)"


@dataclass(frozen=True)
class Face:
    """One font file of a family and style (a collection with the face's index)."""

    family: str
    style: str  # "", "B", "I" or "BI"
    path: Path
    index: int = 0


# Families in order of preference: a Latin family for the body (each with its four styles), then fallbacks by script.
LATIN = [("Noto Sans", {"": "NotoSans-Regular.ttf", "B": "NotoSans-Bold.ttf", "I": "NotoSans-Italic.ttf",
                        "BI": "NotoSans-BoldItalic.ttf"}),
         ("DejaVu Sans", {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf",
                          "BI": "DejaVuSans-BoldOblique.ttf"})]
FALLBACKS = [("Noto Sans Arabic", {"": "NotoSansArabic-Regular.ttf", "B": "NotoSansArabic-Bold.ttf"}, "arabic"),
             ("Noto Sans Hebrew", {"": "NotoSansHebrew-Regular.ttf", "B": "NotoSansHebrew-Bold.ttf"}, "hebrew"),
             ("Noto Sans CJK", {"": "NotoSansCJK-Regular.ttc", "B": "NotoSansCJK-Bold.ttc"}, "cjk"),
             ("DejaVu Sans", {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}, "any")]
RIGHT_TO_LEFT = ("arabic", "hebrew")


def _find(name: str) -> Path | None:
    for folder in FONT_DIRS:
        if (folder / name).is_file():
            return folder / name
    return None


@cache
def latin_family() -> tuple[str, dict[str, Path]] | None:
    """The first Latin family whose four styles are all on this machine, or None."""
    for family, files in LATIN:
        found = {style: _find(name) for style, name in files.items()}
        if all(found.values()):
            return family, found
    return None


def scripts(text: str) -> set[str]:
    """The scripts a text needs beyond Latin, Greek and Cyrillic: arabic, hebrew, cjk."""
    found = set()
    for ch in set(text):
        if ord(ch) < 0x0590:
            continue
        name = unicodedata.name(ch, "")
        if name.startswith("ARABIC"):
            found.add("arabic")
        elif name.startswith("HEBREW"):
            found.add("hebrew")
        elif name.startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "FULLWIDTH", "IDEOGRAPHIC")):
            found.add("cjk")
    return found


def fallbacks(text: str) -> list[tuple[str, dict[str, Path]]]:
    """The fallback families this text needs that are on this machine, by script, then a general one."""
    needed = scripts(text) | {"any"}
    body = latin_family()
    chosen = []
    for family, files, script in FALLBACKS:
        if script in needed and (body is None or family != body[0]):  # never the body family again
            found = {style: path for style, name in files.items() if (path := _find(name))}
            if "" in found:
                chosen.append((family, found))
    return chosen


@cache
def _cmap(path: Path, index: int = 0) -> frozenset[int]:
    from fontTools.ttLib import TTCollection, TTFont

    font = TTCollection(str(path)).fonts[index] if path.suffix == ".ttc" else TTFont(str(path), lazy=True)
    return frozenset(font.getBestCmap() or {})


def uncovered(text: str) -> list[str]:
    """The characters of `text` that no font this machine offers for it can draw (spaces and controls aside)."""
    latin = latin_family()
    if latin is None:
        return sorted({ch for ch in text if ord(ch) > 0xFF and not ch.isspace()})
    covered = set(_cmap(latin[1][""]))
    for _, found in fallbacks(text):
        covered |= _cmap(found[""])
    return sorted({ch for ch in text if ord(ch) not in covered and not ch.isspace()
                   and unicodedata.category(ch) not in ("Cc", "Cf")})


def needs_shaping(text: str) -> bool:
    """Whether the text holds a script that is joined and set right to left (Arabic, Hebrew)."""
    return bool(scripts(text) & set(RIGHT_TO_LEFT))
