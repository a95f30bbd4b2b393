"""Load YAML files into plain dicts and lists that remember the line each value came from.

The sources are treated as untrusted: sizes, nesting and alias expansion are limited, duplicate keys
and invisible control characters are refused, each with the line where it happens.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_TEXT_CHARS = 20_000  # one value; the longest in a published review is a few thousand
MAX_DEPTH = 32  # nested lists and mappings; the sources need fewer than 10
MAX_NODES = 500_000  # values after expanding aliases, so a few lines cannot stand for billions
# Control characters other than tab and line breaks, non-characters, and the bidi embeddings, overrides
# and isolates that reorder the text around them on screen.
# Also the zero-width space, word joiner and invisible operators, a byte-order mark inside the text, and the
# fillers that draw nothing: inside a word they make it unfindable by search. (The zero-width joiner and
# non-joiner stay: scripts such as Persian and Devanagari need them.)
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\u202a-\u202e\u2066-\u2069"
                       "\u200b\u2060-\u2064\ufeff\u115f\u1160\u3164\uffa0]")
# YAML 1.2's core schema reads a whole number only as plain decimal digits; YAML 1.1 (PyYAML's) also reads
# 0512 as octal 330, 8:32 as base 60 (512), 0x1f and 0b11 in their bases, and 1_000 with its underscore.
PLAIN_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
PLAIN_FLOAT = re.compile(r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")


class LimitError(yaml.MarkedYAMLError):
    """A document that is valid YAML but breaks one of this loader's limits or rules."""


def _limit(mark, problem: str) -> LimitError:
    return LimitError(problem=problem, problem_mark=mark)


class LineDict(dict):
    """A mapping that knows its own line and the line of each key."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A sequence that knows its own line and the line of each item."""

    line: int = 0
    item_lines: list

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that builds LineDict and LineList with 1-based line numbers, within limits."""

    _depth = 0

    def __init__(self, stream):
        super().__init__(stream)
        self._alias_lines: dict[tuple[int, int], int] = {}  # (id of a sequence node, index): line of an alias

    def compose_node(self, parent, index):
        if isinstance(index, int) and self.check_event(yaml.AliasEvent):
            # An alias item is composed as the anchored node itself: keep where the alias stands.
            self._alias_lines[(id(parent), index)] = self.peek_event().start_mark.line + 1
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _limit(self.peek_event().start_mark, f"nested more than {MAX_DEPTH} levels deep")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def get_single_node(self):
        node = super().get_single_node()
        if node is not None:
            _weigh(node, {})
        return node

    def construct_mapping(self, node, deep=False):
        seen = {}
        for key, _ in node.value:
            if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
                if key.value in seen:
                    raise _limit(key.start_mark, f"the key '{_clip(key.value)}' appears twice in one mapping "
                                                 f"(first on line {seen[key.value]}); the second would win silently")
                seen[key.value] = key.start_mark.line + 1
        mapping = LineDict(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {k.value: k.start_mark.line + 1 for k, _ in node.value}
        return mapping

    def construct_sequence(self, node, deep=False):
        items = LineList(super().construct_sequence(node, deep=True))
        items.line = node.start_mark.line + 1
        items.item_lines = [self._alias_lines.get((id(node), index), child.start_mark.line + 1)
                            for index, child in enumerate(node.value)]
        return items


    def construct_yaml_int(self, node):
        if not PLAIN_INT.fullmatch(node.value):
            raise _limit(node.start_mark, f"the number {node.value} is read differently by YAML versions (here it "
                                          f"would be {super().construct_yaml_int(node)}), so it is not taken")
        return super().construct_yaml_int(node)

    def construct_yaml_float(self, node):
        if not PLAIN_FLOAT.fullmatch(node.value):
            raise _limit(node.start_mark, f"the number {node.value} is read differently by YAML versions (here it "
                                          f"would be {super().construct_yaml_float(node)}), so it is not taken")
        return super().construct_yaml_float(node)


_LineLoader.add_constructor("tag:yaml.org,2002:int", _LineLoader.construct_yaml_int)
_LineLoader.add_constructor("tag:yaml.org,2002:float", _LineLoader.construct_yaml_float)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _LineLoader.construct_sequence)


def _weigh(node, memo: dict) -> int:
    """How many values `node` stands for once aliases are expanded; raise past the limits."""
    if id(node) in memo:
        return memo[id(node)]
    if isinstance(node, yaml.ScalarNode):
        if len(node.value) > MAX_TEXT_CHARS:
            raise _limit(node.start_mark, f"a value of {len(node.value):,} characters, over the limit of "
                                          f"{MAX_TEXT_CHARS:,}")
        weight = 1
    elif isinstance(node, yaml.SequenceNode):
        weight = 1 + sum(_weigh(item, memo) for item in node.value)
    else:
        weight = 1 + sum(_weigh(k, memo) + _weigh(v, memo) for k, v in node.value)
    if weight > MAX_NODES:
        raise _limit(node.start_mark, f"this value expands to more than {MAX_NODES:,} values (through aliases)")
    memo[id(node)] = weight
    return weight


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[:width] + "..."


@dataclass(frozen=True)
class YamlError(Exception):
    """A file that is not valid YAML, with the line where parsing failed."""

    path: Path
    line: int
    problem: str


def load_yaml(path: Path):
    """Parse one YAML file; raise YamlError naming the line when it is malformed or breaks a limit."""
    size = path.stat().st_size  # refused by its size before a byte is read (a sparse file can claim a gigabyte)
    if size > MAX_FILE_BYTES:
        raise YamlError(path, 1, f"the file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,}")
    with path.open("rb") as handle:
        raw = handle.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise YamlError(path, 1, f"the file is over the limit of {MAX_FILE_BYTES:,} bytes")
    text = _decode(path, raw).removeprefix("\ufeff")  # a byte-order mark opening the file is only an encoding mark
    _refuse_invisible(path, text)
    try:
        return yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        column = f" (column {mark.column + 1})" if mark else ""
        raise YamlError(path, line, f"{exc.problem or exc.context}{column}") from exc
    except yaml.reader.ReaderError as exc:  # the checks above should leave nothing for the reader to refuse
        line = text[:exc.position].count("\n") + 1
        raise YamlError(path, line, f"a character YAML does not allow (U+{exc.character:04X})") from exc
    except RecursionError as exc:
        raise YamlError(path, 1, "nested too deeply to read") from exc


def _decode(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlError(path, line, f"not UTF-8 text: byte 0x{raw[exc.start]:02x} at column {column} "
                                    f"({exc.reason})") from exc


def _refuse_invisible(path: Path, text: str) -> None:
    found = FORBIDDEN.search(text)
    if found is None:
        return
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    char = found.group()
    name = unicodedata.name(char, "a control character")
    more = len(FORBIDDEN.findall(text)) - 1
    raise YamlError(path, line, f"invisible character U+{ord(char):04X} ({name}) at column {column}"
                                + (f", and {more} more in this file" if more else ""))
