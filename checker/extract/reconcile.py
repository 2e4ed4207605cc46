"""Quantities across chunks: one small call that says which chunks' quantities are the same thing.

A draft that fits ``chunk_chars`` is one call and needs none of this. A longer one is answered chunk by chunk,
each with quantity ids of its own; here they are named ``q3.2`` (quantity q3 of chunk 2) and, with more than
one chunk, the model is shown only the quantities' descriptions and units -- never the draft, never a figure --
and says which ids are one quantity and which relations cross chunks. The rules then see one quantity table,
as for a one-call draft. Without an answer (no call made, or one that names no known id) each chunk's
quantities stay apart and are joined only where two chunks describe them in the same words and unit.
"""

from __future__ import annotations

import functools
import hashlib
import string
import tomllib
from dataclasses import dataclass, field
from importlib import resources

from pydantic import BaseModel, Field

from checker.errors import PromptError
from checker.extract.schema import QuantityOut, RelationOut

PROMPT_FILE = "reconcile.toml"


class Reconciliation(BaseModel):
    """Which quantities of different parts are one, and the relations between quantities of different parts."""

    same: list[list[str]] = Field(
        default_factory=list, description="Each entry: ids from different parts that are one quantity."
    )
    relations: list[RelationOut] = Field(
        default_factory=list, description="part_of and breakdown relations between quantities of different parts."
    )


@dataclass(frozen=True)
class ReconcilePrompt:
    version: str
    digest: str
    system: str
    user: string.Template


@functools.cache
def load_prompt() -> ReconcilePrompt:
    try:
        text = resources.files("checker.prompts").joinpath(PROMPT_FILE).read_text(encoding="utf-8")
        table = tomllib.loads(text)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise PromptError(f"cannot read prompt {PROMPT_FILE}: {exc}") from None
    missing = [k for k in ("version", "system", "user") if not isinstance(table.get(k), str)]
    if missing:
        raise PromptError(f"prompt {PROMPT_FILE} is missing {', '.join(missing)}")
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    return ReconcilePrompt(table["version"], digest, table["system"], string.Template(table["user"]))


def qualified(quantity: str, chunk_index: int) -> str:
    return f"{quantity}.{chunk_index + 1}"


def messages(listed: list[tuple[int, QuantityOut]]) -> list[dict[str, str]]:
    """The request: every chunk's quantities, one a line, under their qualified ids."""
    prompt = load_prompt()
    lines = "\n".join(
        f"- {qualified(q.id, index)}: {' '.join(q.what.split())}" + (f" ({q.unit})" if q.unit.strip() else "")
        for index, q in listed
    )
    return [
        {"role": "system", "content": prompt.system},
        {"role": "user", "content": prompt.user.substitute(quantities=lines)},
    ]


@dataclass
class Names:
    """The id each chunk's quantity goes by in the report: its qualified id, or the first of its ``same`` set."""

    known: set[str]
    alias: dict[str, str] = field(default_factory=dict)
    relations: list[RelationOut] = field(default_factory=list)

    @classmethod
    def from_answer(cls, known: set[str], answer: Reconciliation | None, by_words: dict[str, str]) -> Names:
        names = cls(known)
        for qid, first in by_words.items():
            names.alias[qid] = first
        if answer is None:
            return names
        for group in answer.same:
            ids = [i for i in group if i in known]
            for other in ids[1:]:
                names.alias[other] = names.of(ids[0])
        names.relations = [r for r in answer.relations if r.whole in known and all(p in known for p in r.parts)]
        return names

    def of(self, qid: str) -> str:
        seen = set()
        while qid in self.alias and self.alias[qid] != qid and qid not in seen:
            seen.add(qid)
            qid = self.alias[qid]
        return qid
