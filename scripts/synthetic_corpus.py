"""A realistic synthetic corpus in the project's own schema, for benchmarks at any scale.

Builds the bundled review with the real build, then loads generated studies, themes, subthemes,
stigma types and quotes (with their tags) beside it, inserting by column name, and finishes with the
build's own derivation step. Quote words follow a Zipf distribution over an English vocabulary; a
common search word is planted in about 1 % of quotes and a rare one in about 0.03 %.
Usage: python scripts/synthetic_corpus.py OUT.duckdb --quotes 100000
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evidence import settings  # noqa: E402
from evidence.build import build, derive  # noqa: E402

COMMON, RARE = "judged", "midwife"  # planted search words: ~1 % and ~0.03 % of quotes
COMMON_SHARE, RARE_SHARE = 0.01, 0.0003
STUDIES, THEMES, SUBTHEMES_PER_THEME, STIGMA_TYPES = 120, 6, 6, 10
SOURCES = ("forum_post", "interview")  # ids of the bundled review's source types
# a few accented words, as real text has
EXTRA_WORDS = ["café", "naïve", "rôle", "déjà", "façade", "fiancée", "coöperate", "résumé"]


def vocabulary() -> list[str]:
    """English words from the project's source texts (or a fallback), minus the planted words."""
    seeds = ROOT.parent / "shared" / "seeds"
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))) if seeds.is_dir() else ""
    words = re.findall(r"[a-z]{2,}", text.lower()) or [f"word{i}" for i in range(3000)]
    ranked = pd.Series(words).value_counts().index.tolist() + EXTRA_WORDS  # most frequent first
    banned = (COMMON, *RARE.split())
    return [w for w in ranked if not any(b in w or w in b for b in banned)]


def quote_texts(rng: np.random.Generator, n: int) -> list[str]:
    """n quotes of Zipf-distributed words, with the search words planted at their shares."""
    vocab = np.array(vocabulary(), dtype=object)
    weights = 1.0 / np.arange(1, len(vocab) + 1) ** 1.07
    lengths = np.clip(rng.lognormal(3.3, 0.55, n).astype(int), 4, 160)
    words = vocab[rng.choice(len(vocab), size=int(lengths.sum()), p=weights / weights.sum())]
    ends = np.cumsum(lengths)
    texts = [" ".join(chunk) for chunk in np.split(words, ends[:-1])]
    for share, phrase in ((COMMON_SHARE, COMMON), (RARE_SHARE, RARE)):
        for i in rng.choice(n, size=max(1, round(n * share)), replace=False):
            cut = texts[i].find(" ", len(texts[i]) // 2)
            texts[i] = f"{texts[i][:cut]} {phrase}{texts[i][cut:]}" if cut > 0 else f"{texts[i]} {phrase}"
    return [t[0].upper() + t[1:] + "." for t in texts]


def vocab_rows(quality_max: int, first_number: int) -> dict[str, pd.DataFrame]:
    """Generated studies, themes, subthemes and stigma types."""
    studies = pd.DataFrame({
        "id": [f"gen_study_{i:03d}" for i in range(STUDIES)], "position": range(100, 100 + STUDIES),
        "citation": [f"Author{i} et al. {2000 + i % 24}" for i in range(STUDIES)], "included": True,
        "source_id": [SOURCES[i % 7 == 0] for i in range(STUDIES)], "year": [2000 + i % 24 for i in range(STUDIES)],
        "authors": "not confirmed", "title": "not confirmed", "journal": "not confirmed",
        "volume": "not confirmed", "issue": "not confirmed", "pages": "not confirmed", "doi": "not confirmed",
        "sample_n": 100, "sample_unit": "messages",
        "quality_score": [3 + (i * 7) % (quality_max - 2) for i in range(STUDIES)], "quality_max": quality_max,
    })
    themes = pd.DataFrame({
        "id": [f"gen_theme_{i:02d}" for i in range(THEMES)], "number": range(first_number, first_number + THEMES),
        "name": [f"Generated theme {i}" for i in range(THEMES)], "headline": "A headline",
        "summary": "A summary.", "support_stated": "not specified", "support_count": 0,
    })
    subthemes = pd.DataFrame([{"id": f"{t}_sub{j}", "theme_id": t, "position": j + 1,
                               "name": f"Subtheme {j} of {t}", "description": "Generated."}
                              for t in themes.id for j in range(SUBTHEMES_PER_THEME)])
    stigma = pd.DataFrame({
        "id": [f"gen_stigma_{i}" for i in range(STIGMA_TYPES)], "position": range(100, 100 + STIGMA_TYPES),
        "label": [f"Stigma <type> {i}" for i in range(STIGMA_TYPES)], "paper_term": "not specified",
        "definition": "Generated.",
    })
    return {"studies": studies, "themes": themes, "subthemes": subthemes, "stigma_types": stigma}


def quote_rows(rng, n: int, first_position: int, vocab: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """n quotes and their subtheme and stigma tags."""
    studies, themes = vocab["studies"], vocab["themes"]
    study = rng.integers(0, len(studies), n)
    theme = rng.integers(0, len(themes), n)
    positions = np.arange(first_position, first_position + n)
    ids = np.char.add("gq", positions.astype(str)).astype(object)
    notes = np.where(rng.random(n) < 0.02, "self-harm", None)
    pages = rng.integers(1, 30, n)
    quotes = pd.DataFrame({
        "id": ids, "position": positions, "study_id": studies.id.to_numpy()[study],
        "page": pages.astype(str), "page_sort": pages, "printed_citation": studies.citation.to_numpy()[study],
        "source_id": studies.source_id.to_numpy()[study], "theme_id": themes.id.to_numpy()[theme],
        "text": quote_texts(rng, n), "content_note": notes,
    })
    return {"quotes": quotes, "quote_subthemes": _tags(rng, ids, theme, n, "subtheme_id", themes),
            "quote_stigma": _tags(rng, ids, None, n, "stigma_type_id", vocab["stigma_types"])}


def _tags(rng, ids, theme, n: int, column: str, owners: pd.DataFrame) -> pd.DataFrame:
    """0-3 distinct tags per quote; subthemes come from the quote's own theme."""
    frames = []
    for slot in range(3):
        chosen = rng.random(n) < (0.6, 0.35, 0.15)[slot]
        if theme is None:
            values = owners.id.to_numpy()[(rng.integers(0, len(owners), n) + slot * 3) % len(owners)]
        else:
            sub = np.char.add("_sub", rng.integers(0, SUBTHEMES_PER_THEME, n).astype(str))
            values = np.char.add(owners.id.to_numpy()[theme].astype(str), sub).astype(object)
        frames.append(pd.DataFrame({"quote_id": ids[chosen], column: values[chosen],
                                    "provenance": np.where(rng.random(chosen.sum()) < 0.3, "paper", "editorial")}))
    return pd.concat(frames).drop_duplicates(["quote_id", column])


PLACEHOLDER = {"VARCHAR": "not specified", "INTEGER": 0, "BOOLEAN": False}


def _complete(con, table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Fill required columns this generator does not know (a newer layout) with a placeholder."""
    required = con.execute("select column_name, data_type from duckdb_columns() where table_name = ? "
                           "and not is_nullable", [table]).fetchall()
    missing = {name: PLACEHOLDER.get(kind, "") for name, kind in required if name not in frame.columns}
    return frame.assign(**missing) if missing else frame


def make(db: Path, n: int, seed: int = 12) -> dict:
    """Build the bundled review into `db` and load a corpus of about n quotes beside it."""
    result = build(settings.data_dir(), db)
    if not result.ok:
        raise SystemExit("\n".join(map(str, result.problems)))
    rng = np.random.default_rng(seed)
    with duckdb.connect(str(db)) as con:
        con.execute("set enable_progress_bar = false")
        have, last, quality_max, number = con.execute(
            "select count(*), max(position), (select max(quality_max) from studies), "
            "(select max(number) + 1 from themes) from quotes").fetchall()[0]
        vocab = vocab_rows(quality_max or 10, number or 1)
        tables = {**vocab, **quote_rows(rng, max(0, n - have), (last or 0) + 1, vocab)}
        for table, frame in tables.items():
            frame = _complete(con, table, frame)
            con.register("frame", frame)
            con.execute(f'insert into "{table}" by name select * from frame')
            con.unregister("frame")
        derive(con)
        con.execute("checkpoint")
    return {"quotes": n, "themes": vocab["themes"].id.tolist(), "stigma": vocab["stigma_types"].id.tolist(),
            "quality": sorted(vocab["studies"].quality_score.unique().tolist())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--quotes", type=int, default=100_000)
    args = parser.parse_args()
    start = time.perf_counter()
    make(args.out, args.quotes)
    print(f"{args.out}: {args.quotes:,} quotes in {time.perf_counter() - start:.1f} s, "
          f"{args.out.stat().st_size / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
