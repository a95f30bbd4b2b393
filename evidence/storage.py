"""How the declared format is stored: the database's tables, columns and comments, derived from the declaration.

A table either mirrors a record of the format (one row per record; its fields become columns, nested records
flattened as `parent_field`, a reference `x` stored as `x_id`), or holds rows the build derives (links, flow
boxes, points). Either way its columns, types, nullability and comments are written once, in
evidence/format/declaration.py, and the DDL, docs/DATA.md and the build's rows all follow from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from .format.language import AnyOf, Bool, Id, Int, ListOf, Record, Ref, Spec, Text


@dataclass(frozen=True)
class Column:
    """One column: its name, SQL type, comment, and whether it may be null."""

    name: str
    sql: str
    doc: str
    nullable: bool = False
    path: tuple[str, ...] = ()  # where a mirrored column's value sits in its record; () for a computed column


def _sql_type(spec: Spec) -> str | None:
    """The column type a field is stored as, or None for a field stored in a table of its own."""
    if isinstance(spec, Int):
        return "integer"
    if isinstance(spec, Bool):
        return "boolean"
    if isinstance(spec, Text | Id | Ref):
        return "varchar"
    if isinstance(spec, ListOf):
        return "varchar[]" if isinstance(spec.item, Text) else None
    if isinstance(spec, AnyOf):  # a value that may be written several ways is stored as its text
        return "varchar"
    return None


@dataclass(frozen=True)
class Table:
    """A table of the database: computed columns first (`lead`), then the mirrored record's fields, then `tail`."""

    name: str
    doc: str
    record: Record | None = None
    lead: tuple[Column, ...] = ()
    tail: tuple[Column, ...] = ()
    skip: frozenset[str] = field(default_factory=frozenset)  # dotted fields stored elsewhere
    names: dict[str, str] = field(default_factory=dict)  # dotted field -> column, where SQL reserves the field's name

    @cached_property
    def _columns(self) -> tuple[Column, ...]:
        # Derived once per table: the build asks for them on every row it writes.
        mirrored = _mirror(self.record, (), "", False, self) if self.record else []
        columns = (*self.lead, *mirrored, *self.tail)
        names = [c.name for c in columns]
        duplicated = sorted({n for n in names if names.count(n) > 1})
        if duplicated:
            raise ValueError(f"table {self.name}: columns declared twice: {', '.join(duplicated)}")
        return columns

    def columns(self) -> list[Column]:
        return list(self._columns)

    def ddl(self) -> str:
        body = ",\n".join(f"    {c.name} {c.sql}{'' if c.nullable else ' not null'}" for c in self._columns)
        comments = [f"comment on table {self.name} is {_literal(self.doc)};"] + [
            f"comment on column {self.name}.{c.name} is {_literal(c.doc)};" for c in self._columns]
        return f"create table {self.name} (\n{body}\n);\n" + "\n".join(comments) + "\n"

    def row(self, value: dict, **computed) -> dict:
        """The row for one record (and the computed columns given by name)."""
        out = {}
        for c in self._columns:
            if c.path:
                out[c.name] = _stored(_dig(value, c.path), c.sql)
            elif c.name in computed:
                out[c.name] = computed[c.name]
            else:
                raise KeyError(f"table {self.name}: no value for computed column {c.name}")
        return out


def _mirror(record: Record, path: tuple[str, ...], prefix: str, nullable: bool, table: Table) -> list[Column]:
    fields = [(k, s, False) for k, s in record.required.items()] + [(k, s, True) for k, s in record.optional.items()]
    columns = []
    for key, spec, optional in fields:
        here = (*path, key)
        dotted = ".".join(here)
        if dotted in table.skip:
            continue
        if isinstance(spec, Record):
            columns += _mirror(spec, here, f"{prefix}{key}_", nullable or optional, table)
            continue
        sql = _sql_type(spec)
        if sql is None:
            continue
        doc = record.docs.get(key)
        if not doc:
            raise ValueError(f"{record.noun}.{key} has no docs: every stored field needs its meaning written "
                             "in the declaration (Record docs)")
        name = table.names.get(dotted) or (f"{prefix}{key}_id" if isinstance(spec, Ref) else f"{prefix}{key}")
        columns.append(Column(name, sql, doc, nullable or optional, here))
    return columns


def _dig(value, path: tuple[str, ...]):
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def _stored(value, sql: str):
    """A value as its column holds it: a list of text as a list, or joined with "; " into a text column;
    a value that may be written as a number or as text (a page) as its text."""
    if value is None or sql not in ("varchar", "varchar[]"):
        return value
    if isinstance(value, list):
        return [str(v) for v in value] if sql == "varchar[]" else "; ".join(str(v) for v in value)
    return str(value) if sql == "varchar" else value


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def ddl(tables: list[Table]) -> str:
    """Every table's create statement and comments, in declaration order."""
    return "\n".join(t.ddl() for t in tables)


def col(name: str, sql: str, doc: str, nullable: bool = False) -> Column:
    """A computed column (one the build fills, not a field of the YAML)."""
    return Column(name, sql, doc, nullable)
