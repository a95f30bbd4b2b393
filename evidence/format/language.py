"""The language the format is declared in (declaration.py): the kinds of value a field takes (text, a whole number,
an id, a reference to one, a list, a record, any of several) and the two reserved texts. A Spec is the declaration
only: json_schema.py turns it into the JSON Schema `check` validates with, reference.py into docs/FORMAT.md, and
storage.py into the database's columns."""

from __future__ import annotations

from dataclasses import dataclass, field

NOT_CONFIRMED = "not confirmed"
NOT_SPECIFIED = "not specified"
INTEGER_MAX = 2**31 - 1  # the database's INTEGER columns


class Spec:
    """The expected shape of one value, and how a problem's fix names it (`expects`)."""

    expects = "a value"


@dataclass
class Text(Spec):
    """Non-empty text; with `choices`, exactly one of them."""

    choices: tuple[str, ...] = ()
    verbatim: bool = False  # the source's own words (a quote, a cell as printed): never judged a placeholder

    @property
    def expects(self) -> str:
        return "one of: " + ", ".join(repr(c) for c in self.choices) if self.choices else "non-empty text"


@dataclass
class Int(Spec):
    """A whole number within bounds."""

    low: int = 0
    high: int = INTEGER_MAX

    @property
    def expects(self) -> str:
        high = f"{self.high:,}" if self.high >= 10_000 else str(self.high)  # 2,147,483,647 but 2100
        return f"a whole number from {self.low} to {high}"


@dataclass
class Bool(Spec):
    """true or false."""

    expects = "true or false"


@dataclass
class Id(Spec):
    """An identifier that declares a new `kind` id: lowercase letters, digits and underscores."""

    kind: str
    expects = "an id of lowercase letters, digits and underscores"


@dataclass
class Ref(Spec):
    """A reference to an id of `kind` declared anywhere in the sources."""

    kind: str

    @property
    def expects(self) -> str:
        return f"a {self.kind} id"


@dataclass
class ListOf(Spec):
    """A list whose items all match `item`, with at least `min_items` of them."""

    item: Spec
    min_items: int = 0

    @property
    def expects(self) -> str:
        return f"a list of {self.item.expects}"


@dataclass
class AnyOf(Spec):
    """A value matching any of `options`."""

    options: tuple[Spec, ...]

    @property
    def expects(self) -> str:
        return " or ".join(option.expects for option in self.options)


@dataclass
class Record(Spec):
    """A mapping with `required` and `optional` fields; unknown keys are refused."""

    noun: str
    required: dict[str, Spec]
    optional: dict[str, Spec] = field(default_factory=dict)
    docs: dict[str, str] = field(default_factory=dict)  # what a field means, for FORMAT.md and the JSON Schema
    hints: dict[str, str] = field(default_factory=dict)  # an unknown key people put here by mistake -> the fix

    @property
    def expects(self) -> str:
        """What to write, naming the fields (a fix that says only "a mapping" sends the reader round in a circle)."""
        article = "an" if self.noun[:1] in "aeiou" else "a"
        parts = [f"with {', '.join(f'{key}:' for key in self.required)}"] if self.required else []
        if self.optional and len(self.optional) <= 6:
            parts.append(f"{'optionally' if self.required else 'with any of'} "
                         f"{', '.join(f'{key}:' for key in self.optional)}")
        return f"{article} {self.noun} (a mapping{' ' if parts else ''}{'; '.join(parts)})"

    @property
    def fields(self) -> dict[str, Spec]:
        return {**self.required, **self.optional}
