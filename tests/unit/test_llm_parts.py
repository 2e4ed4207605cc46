"""The LLM extractor's pure parts: chunking, cache, backoff, retry classification, schema validation, prompt."""

from __future__ import annotations

import email.utils
import json
import os
import string
import time
from pathlib import Path
from typing import Any

import httpx2
import openai
import pytest
from pydantic import ValidationError

from checker.config import Config
from checker.document import from_text, paragraphs
from checker.errors import PromptError
from checker.extract import cache as cache_mod, chunks, coverage
from checker.extract.chunk_protocol import chunk_key, endpoint_key
from checker.extract.prompt import load_prompt, messages_for, render_prompt
from checker.extract.retry import Backoff, is_transient, retry_after
from checker.extract.schema import Answer, ChunkContext, ClaimOut, QuotationOut, merge, schema_hash, to_spec
from checker.models import Span
from checker.signals import Terminated
from checker.taxonomy import Taxonomy
from tests.answers import answer_with_quantities as q

TAXONOMY = Taxonomy.default()

# --- chunks ---------------------------------------------------------------------------------------------


def test_chunks_keep_paragraphs_whole_and_in_order() -> None:
    doc = from_text("\n\n".join(f"Paragraph {i} " + "word " * 20 for i in range(10)))
    parts = chunks.split(doc, 300)
    assert len(parts) > 1
    paras = paragraphs(doc)
    covered = [p for c in parts for p in paras if c.span.contains(p)]
    assert covered == paras  # every paragraph in exactly one chunk, in order
    assert all(c.span.end - c.span.start <= 300 for c in parts)


def test_a_paragraph_longer_than_a_chunk_is_a_chunk_of_its_own() -> None:
    doc = from_text("Short one.\n\n" + "Long sentence here. " * 50 + "\n\nShort two.")
    parts = chunks.split(doc, 200)
    assert [doc.text[c.span.start : c.span.start + 10] for c in parts] == ["Short one.", "Long sente", "Short two."]


def test_window_is_the_text_just_before_a_chunk_in_whole_sentences() -> None:
    doc = from_text("The mayor spoke first. Then he said:\n\nForty people died.\n\nNothing else.")
    parts = chunks.split(doc, 20, context_chars=30)
    assert parts[0].context is None
    assert parts[1].context_text(doc) == "Then he said:"  # the last sentence that fits
    assert parts[1].region == Span(parts[1].context.start, parts[1].span.end)  # type: ignore[union-attr]
    assert chunks.split(doc, 20, context_chars=0)[1].context is None


def test_window_always_has_the_last_sentence_even_if_long() -> None:
    doc = from_text("A very long sentence that goes on and on and on.\n\nNext 3.")
    assert chunks.split(doc, 10, context_chars=5)[1].context_text(doc).startswith("A very long")


# --- cache ----------------------------------------------------------------------------------------------


def test_cache_round_trip_is_atomic_and_tolerates_corruption(tmp_path: Path) -> None:
    store = cache_mod.Cache(tmp_path)
    digest = cache_mod.key(model="m", text="t")
    assert store.get(digest) is None
    store.put(digest, {"answer": {"claims": []}, "dropped": 0})
    assert store.get(digest) == {"answer": {"claims": []}, "dropped": 0}
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [f"{digest}.json"]  # no temp files left
    store.path(digest).write_text("{not json", encoding="utf-8")
    assert store.get(digest) is None
    store.path(digest).write_text(json.dumps({"format": 999, "value": {}}), encoding="utf-8")
    assert store.get(digest) is None


@pytest.mark.parametrize("stop", [KeyboardInterrupt, Terminated])
def test_a_cache_write_interrupted_once_its_file_is_made_leaves_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stop: type[BaseException]
) -> None:
    """Ctrl-C or SIGTERM (``signals.Terminated``) landing just after the temporary file is made, before its name is
    handed back (a signal handler runs between any two bytecodes): it was left behind, empty."""
    store, made = cache_mod.Cache(tmp_path), os.open

    def open_then_stop(*args: Any, **kwargs: Any) -> int:
        os.close(made(*args, **kwargs))
        raise stop()

    with monkeypatch.context() as patched, pytest.raises(stop):
        patched.setattr(os, "open", open_then_stop)
        store.put("ab" * 32, {"x": 1})
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_a_stray_temporary_file_is_never_read_as_an_entry(tmp_path: Path) -> None:
    """One a killed process left beside the entries (empty, or half-written) changes no answer."""
    store, digest = cache_mod.Cache(tmp_path), "cd" * 32
    store.put(digest, {"answer": 1})
    (entry := store.path(digest)).parent.joinpath(".tmp-123-abc").write_text("", encoding="utf-8")
    entry.parent.joinpath(".tmp-x.json").write_text('{"format": 1, "value": {"answer": 2', encoding="utf-8")  # old name
    assert store.get(digest) == {"answer": 1} and store.get("cd" + "0" * 62) is None
    store.put(digest, {"answer": 3})
    assert store.get(digest) == {"answer": 3}
    written = sorted(p.name for p in entry.parent.iterdir() if not p.name.startswith(".tmp-"))
    assert written == [f"{digest}.json"]


def test_cache_key_depends_on_every_part() -> None:
    base = {"model": "m", "prompt": "p", "schema": "s", "messages": ["a"]}
    assert cache_mod.key(**base) == cache_mod.key(**dict(reversed(base.items())))
    for name in base:
        assert cache_mod.key(**{**base, name: "other"}) != cache_mod.key(**base)


def test_a_chunks_key_names_its_endpoint_and_no_secret_of_its_url() -> None:
    prompt, messages = load_prompt(), [{"role": "user", "content": "Police said 12 died."}]
    keys = {url: chunk_key(Config(base_url=url), prompt, messages) for url in (
        "", "https://api.openai.com/v1", "https://API.openai.com/v1/", "http://localhost:11434/v1",
        "https://a.openai.azure.com/openai/v1/", "https://b.openai.azure.com/openai/v1/",
    )}  # fmt: skip
    assert keys[""] == keys["https://api.openai.com/v1"] == keys["https://API.openai.com/v1/"]  # as the client
    assert len(set(keys.values())) == 4  # a local server, and two Azure resources, are each their own
    # the config refuses such a URL; the key leaves its secrets out all the same
    secret = "https://user:pa55word@Host.example:8443/v1/?api-key=s3cret#frag"
    assert endpoint_key(secret) == "https://host.example:8443/v1"
    assert endpoint_key("http://[::1]:8080/v1") == "http://[::1]:8080/v1"


def test_disabled_cache_stores_nothing(tmp_path: Path) -> None:
    store = cache_mod.Cache.for_config(False, str(tmp_path))
    store.put("ab" * 32, {"x": 1})
    assert not store.enabled and store.get("ab" * 32) is None and list(tmp_path.iterdir()) == []


def test_cache_defaults_to_the_user_cache_dir() -> None:
    assert cache_mod.Cache.for_config(True, "").directory == cache_mod.default_dir()
    assert "factlint" in str(cache_mod.default_dir())


def test_unwritable_cache_does_not_fail_the_run(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    cache_mod.Cache(blocker / "sub").put("ab" * 32, {"x": 1})  # parent is a file: skipped quietly


# --- retries --------------------------------------------------------------------------------------------


def _status_error(status: int, headers: dict[str, str] | None = None) -> openai.APIStatusError:
    request = httpx2.Request("POST", "http://127.0.0.1/v1/chat/completions")
    response = httpx2.Response(status, headers=headers or {}, request=request)
    client = openai.OpenAI(api_key="x", base_url="http://127.0.0.1/v1", max_retries=0)
    try:
        return client._make_status_error_from_response(response)
    finally:
        client.close()


TRANSIENT = [(429, True), (500, True), (502, True), (503, True), (408, True)]
FATAL = [(400, False), (401, False), (403, False), (404, False), (422, False)]


@pytest.mark.parametrize(("status", "transient"), [*TRANSIENT, *FATAL])
def test_which_statuses_are_retried(status: int, transient: bool) -> None:
    assert is_transient(_status_error(status)) is transient


def test_timeouts_and_connection_errors_are_retried_other_errors_are_not() -> None:
    request = httpx2.Request("POST", "http://127.0.0.1/")
    assert is_transient(openai.APITimeoutError(request))
    assert is_transient(openai.APIConnectionError(request=request))
    assert not is_transient(ValueError("x"))


def test_retry_after_header_forms() -> None:
    assert retry_after(_status_error(429, {"retry-after": "2"})) == 2.0
    assert retry_after(_status_error(429, {"retry-after-ms": "150"})) == 0.15
    date = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 25 < (retry_after(_status_error(429, {"retry-after": date})) or 0) <= 30
    assert retry_after(_status_error(429, {"retry-after": "soon"})) is None
    assert retry_after(_status_error(429)) is None


def test_backoff_grows_caps_and_yields_to_retry_after() -> None:
    backoff = Backoff(initial=1.0, multiplier=2.0, maximum=5.0, retry_after_cap=60.0)
    waits = [backoff.wait(n, None) for n in range(1, 6)]
    assert 0.5 <= waits[0] <= 1.0 and 1.0 <= waits[1] <= 2.0 and all(w <= 5.0 for w in waits)
    assert backoff.wait(1, 7.0) == 7.0
    assert backoff.wait(1, 3600.0) == 60.0  # a server cannot park us for an hour


# --- schema and validation ------------------------------------------------------------------------------

TEXT = "Intro paragraph with 2 figures and 3 more.\n\nOfficials said 40 prisoners escaped on Friday."


def _context(lenient: bool = False) -> ChunkContext:
    doc = from_text(TEXT)
    para = paragraphs(doc)[1]
    return ChunkContext(doc, para, TAXONOMY, lenient=lenient)


def test_a_verbatim_quote_validates_and_a_paraphrase_does_not() -> None:
    good = {"claims": [{"quote": "40 prisoners escaped", "figure": "40"}]}
    assert Answer.model_validate(q(good), context={"chunk": _context()}).claims[0].figure == "40"
    bad = {"claims": [{"quote": "forty inmates fled", "figure": "forty"}]}
    with pytest.raises(ValidationError, match=r"quote not found in the text.*copy the quote verbatim"):
        Answer.model_validate(q(bad), context={"chunk": _context()})


def test_quotes_are_matched_across_whitespace_and_quote_marks() -> None:
    doc = from_text("He said “40   prisoners\nescaped” on Friday.")
    context = ChunkContext(doc, Span(0, len(doc.text)), TAXONOMY)
    answer = {"claims": [{"quote": '"40 prisoners escaped"', "figure": "40"}]}
    assert len(Answer.model_validate(q(answer), context={"chunk": context}).claims) == 1


def test_a_quote_outside_the_chunk_is_rejected() -> None:
    answer = {"claims": [{"quote": "2 figures", "figure": "2"}]}  # real text, but another paragraph
    with pytest.raises(ValidationError):
        Answer.model_validate(q(answer), context={"chunk": _context()})


def test_a_figure_not_in_its_quote_is_rejected() -> None:
    answer = {"claims": [{"quote": "prisoners escaped", "figure": "40"}]}
    with pytest.raises(ValidationError, match="is not inside its quote"):
        Answer.model_validate(q(answer), context={"chunk": _context()})


def test_lenient_validation_drops_and_records_ungrounded_claims() -> None:
    context = _context(lenient=True)
    answer = {
        "claims": [
            {"quote": "forty inmates fled", "figure": "forty"},
            {"quote": "40 prisoners escaped", "figure": "40"},
        ],
        "not_claims": [{"quote": "on Saturday", "figure": "Saturday", "reason": "date"}],
    }
    parsed = Answer.model_validate(q(answer), context={"chunk": context})
    assert [c.figure for c in parsed.claims] == ["40"] and parsed.not_claims == []
    assert context.dropped == ["forty inmates fled"]


QUOTED = "“We will rebuild every home,” the mayor said.\n\nShe said they would rebuild. “It came like a wave.”"


def _quoted(lenient: bool = False) -> ChunkContext:
    doc = from_text(QUOTED)
    return ChunkContext(doc, paragraphs(doc)[1], TAXONOMY, lenient=lenient)


def test_a_quotation_validates_only_by_words_inside_quotation_marks() -> None:
    good = {"quotations": [{"quote": "“It came like", "speaker": {"kind": "none"}}]}  # marks may be included
    assert Answer.model_validate(q(good), context={"chunk": _quoted()}).quotations[0].speaker.kind == "none"
    for quote in ("It came like a flood", "they would rebuild", "We will rebuild every home", ""):
        bad = {"quotations": [{"quote": quote}]}  # made up; outside the marks; another paragraph; empty
        with pytest.raises(ValidationError, match=r"quotations\[0\]: .* is not inside a passage in quotation marks"):
            Answer.model_validate(q(bad), context={"chunk": _quoted()})


def test_locate_quotation_gives_the_passage_with_its_marks() -> None:
    context = ChunkContext(from_text(QUOTED), Span(0, len(QUOTED)), TAXONOMY)
    found = context.locate_quotation(QuotationOut(quote="we will  REBUILD"))
    assert [QUOTED[m.start : m.end] for m in found] == ["“We will rebuild every home,”"]


def test_lenient_validation_drops_and_records_ungrounded_quotations() -> None:
    context = _quoted(lenient=True)
    answer = {"quotations": [{"quote": "It came like a flood"}, {"quote": "It came like a wave"}]}
    parsed = Answer.model_validate(q(answer), context={"chunk": context})
    assert [q.quote for q in parsed.quotations] == ["It came like a wave"]
    assert context.dropped_quotations == ["It came like a flood"] and context.dropped == []


def test_without_a_chunk_an_answer_only_checks_its_shape() -> None:
    assert Answer.model_validate(q({"claims": [{"quote": "anything", "figure": "1"}]})).claims[0].quote == "anything"
    with pytest.raises(ValidationError):
        Answer.model_validate(q({"claims": [{"figure": "1"}]}))
    with pytest.raises(ValidationError):  # every claim names its quantity
        Answer.model_validate({"claims": [{"quote": "anything", "figure": "1"}]})


def test_quantity_ids_must_be_declared_once_and_relations_must_name_them() -> None:
    context = _context()
    base = {"quote": "40 prisoners escaped", "figure": "40"}
    ok = {
        "quantities": [{"id": "q1", "what": "prisoners escaped"}, {"id": "q2", "what": "inmates escaped"}],
        "relations": [{"kind": "part_of", "whole": "q2", "parts": ["q1"]}],
        "claims": [{**base, "quantity": "q1"}],
    }
    assert Answer.model_validate(ok, context={"chunk": context}).relations[0].whole == "q2"
    cases = {
        "is not declared in quantities": {**ok, "claims": [{**base, "quantity": "q9"}]},
        "declared twice": {**ok, "quantities": [*ok["quantities"], {"id": "q1", "what": "again"}]},
        r"relations\[0\].parts: quantity 'q7'": {
            **ok,
            "relations": [{"kind": "breakdown", "whole": "q2", "parts": ["q7"]}],
        },
        "cannot be a part of itself": {**ok, "relations": [{"kind": "part_of", "whole": "q1", "parts": ["q1"]}]},
        "share_of names the claim's own quantity": {**ok, "claims": [{**base, "quantity": "q1", "share_of": "q1"}]},
    }
    for message, answer in cases.items():
        with pytest.raises(ValidationError, match=message):
            Answer.model_validate(answer, context={"chunk": context})


def test_to_spec_maps_every_field() -> None:
    claim = ClaimOut.model_validate(
        {
            "quote": "q",
            "figure": "a third",
            "value": 33.3,
            "quantity": "q2",
            "share_of": "q1",
            "as_of": "by Saturday",
            "source": {"kind": "person", "name": "the mayor", "cue": "said", "inherited": True},
        }
    )
    spec = to_spec(claim)
    assert (spec.low, spec.high, spec.quantity, spec.share_of, spec.time) == (33.3, 33.3, "q2", "q1", "by Saturday")
    assert (spec.source_kind, spec.source_name, spec.source_cue, spec.source_inherited) == (
        "person",
        "the mayor",
        "said",
        True,
    )
    assert spec.model_value and not spec.population and not spec.event  # the model names quantities, not groups


def test_merge_keeps_the_first_answer_and_adds_the_second() -> None:
    first = Answer.model_validate(
        {
            "quantities": [{"id": "q1", "what": "first"}],
            "claims": [{"quote": "a 1", "figure": "1", "quantity": "q1"}],
        }
    )
    second = Answer.model_validate(
        {
            "quantities": [{"id": "q1", "what": "renamed"}, {"id": "q2", "what": "new"}],
            "relations": [{"kind": "part_of", "whole": "q1", "parts": ["q2"]}],
            "claims": [
                {"quote": "a  1", "figure": "1", "quantity": "q2"},
                {"quote": "b 2", "figure": "2", "quantity": "q2"},
            ],
        }
    )
    merged = merge(first, second)
    assert [(c.figure, c.quantity) for c in merged.claims] == [("1", "q1"), ("2", "q2")]
    assert [(x.id, x.what) for x in merged.quantities] == [("q1", "first"), ("q2", "new")]
    assert len(merged.relations) == 1
    twice = [{"quote": "We  will", "speaker": {"kind": "person"}}, {"quote": "We will"}]  # two passages
    first = Answer.model_validate({"quotations": twice})
    second = Answer.model_validate({"quotations": [{"quote": "we will"}, {"quote": "It came"}]})
    assert [(x.quote, x.speaker.kind) for x in merge(first, second).quotations] == [
        ("We  will", "person"),
        ("We will", "none"),
        ("It came", "none"),
    ]


def test_schema_descriptions_reach_the_json_schema_and_its_hash() -> None:
    schema = json.dumps(Answer.model_json_schema())
    assert "copied character for character" in schema and "inherited" in schema
    assert "opening words of the passage in quotation marks" in schema and "as the instructions define them" in schema
    assert schema_hash() == schema_hash() and len(schema_hash()) == 16


# --- coverage -------------------------------------------------------------------------------------------


def test_uncovered_lists_figures_no_span_overlaps() -> None:
    doc = from_text("In 2013, 500 escaped and dozens were killed.")
    region = Span(0, len(doc.text))
    five = doc.text.index("500")
    missing = coverage.uncovered(doc, region, [Span(five, five + 3)])
    assert [f.text for f in missing] == ["2013", "dozens"]
    assert coverage.describe(doc, region, missing).splitlines()[0] == f'- "2013" in: "{doc.text}"'


# --- prompt ---------------------------------------------------------------------------------------------


def test_prompt_is_versioned_and_renders_the_chunk_and_its_window() -> None:
    prompt = load_prompt()
    assert prompt.version.startswith("extract-") and len(prompt.digest) == 16
    doc = from_text("The mayor said:\n\n“Forty people died,” he added. Cost: $4bn.")
    chunk = chunks.split(doc, 20)[1]
    system, user = messages_for(doc, chunk, Config(), prompt)
    assert system["role"] == "system" and "killed" in system["content"]  # the event vocabulary
    assert "CONTEXT:\n<<<\nThe mayor said:\n>>>" in user["content"]
    assert "“Forty people died,” he added. Cost: $4bn." in user["content"]


@pytest.mark.parametrize("mode", ["json_schema", "tools", "md_json"])
def test_the_prompt_asks_for_every_quotation_and_its_speaker(mode: str) -> None:
    shown = render_prompt(from_text(QUOTED), Config(mode=mode))
    assert "For every passage in ARTICLE in quotation marks" in shown  # the instructions (prompts/extract.toml)
    assert '"none" when the text never says who spoke the words' in shown
    assert "quotations" in shown and "QuotationOut" in shown  # the response schema, with its descriptions
    assert "about eight words, enough to tell it apart from any other quotation" in shown


def test_the_source_kinds_are_defined_once_in_what_is_sent() -> None:
    shown = render_prompt(from_text(QUOTED), Config())
    for definition in ("a named or described individual", "a body (the Interior Ministry", "an unnamed source"):
        assert shown.count(definition) == 1, definition


def test_a_template_variable_without_a_value_is_a_prompt_error() -> None:
    prompt = load_prompt()
    broken = type(prompt)(prompt.version, prompt.digest, string.Template("$nope"), prompt.user, prompt.coverage, "")
    with pytest.raises(PromptError, match=r"uses \$nope"):
        broken.render("system", events="x")


def test_a_figure_is_located_as_a_whole_token_not_inside_a_year() -> None:
    from checker.extract.grounding import ClaimSpec, locate

    doc = from_text("In 2021 the Alliance won 21 seats.")
    _, figure = locate(doc, ClaimSpec(quote="In 2021 the Alliance won 21 seats", figure="21"))
    assert doc.text[figure.start - 4 : figure.end] == "won 21"


# --- the endpoint as messages and reports show it -----------------------------------------------------------

FAKE_KEY = "sk-proj-Zq8fakeKEY0nly4tests9Xw"  # not a real key: shaped like one


def _endpoint(config: Config) -> str:
    from checker.extract.llm import LLMExtractor

    return LLMExtractor(config).endpoint


def test_endpoint_never_shows_the_api_key_or_a_key_shaped_segment() -> None:
    """The extractor line of every report shows the endpoint: a key in its path would be in every report."""
    plain = Config(extractor="llm", api_key=FAKE_KEY, base_url="http://llm.local:8080/v1", cache=False)
    # a query, which every Config refuses too: made past its check (tuple.__new__), as nothing public can
    queried = tuple.__new__(Config, (plain._asdict() | {"base_url": "http://llm.local:8080/v1?api-version=1"}).values())
    assert _endpoint(queried) == "http://llm.local:8080/v1"
    # the key itself as a segment that is not key-shaped, or a key-shaped one: every Config refuses them, so
    # these are made past its check (tuple.__new__), as nothing public can
    short_key = "hunter2hunter2"
    plain_values = plain._asdict() | {"api_key": short_key, "base_url": f"http://llm.local/{short_key}/v1"}
    own = tuple.__new__(Config, plain_values.values())
    assert _endpoint(own) == "http://llm.local/***/v1"
    changed = plain._asdict() | {"base_url": f"https://llm.local/openai/{FAKE_KEY}/v1"}
    shaped = tuple.__new__(Config, changed.values())
    shown = _endpoint(shaped)
    assert FAKE_KEY not in shown and shown == "https://llm.local/openai/***/v1"


def test_a_key_in_openai_base_url_is_refused_unshown() -> None:
    from checker import config as config_mod
    from checker.errors import ConfigError

    env = {"OPENAI_BASE_URL": f"https://llm.local/{FAKE_KEY}/v1", "FACTLINT_EXTRACTOR": "llm"}
    with pytest.raises(ConfigError) as raised:
        config_mod.load(Path("/"), environ=env)
    assert "OPENAI_BASE_URL" in str(raised.value) and FAKE_KEY not in str(raised.value)
