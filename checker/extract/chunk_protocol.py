"""The per-chunk protocol of the LLM extractor, whatever the provider: cache, ask, re-ask, merge, cache.

For each chunk (``chunks.split``):

1. cache lookup (``cache.py``): an unchanged chunk costs no call;
2. ask (``backend.Requests``): the answer is parsed and validated (``schema.Answer``): a quote that is not
   verbatim in the chunk (or a quotation's opening words that are not inside quotation marks there) fails
   validation and the model is asked again (``config.reasks`` times); on the last attempt ungrounded claims and
   quotations are dropped and counted;
3. coverage guard (``coverage.py``): figures in the chunk that are neither claimed nor declared not-a-claim get
   one targeted re-ask, whose answer is merged into the first; any still missing are reported as unreviewed;
4. the answer is cached (``cache_entry``, keyed by ``chunk_key``; the Batch API path, ``batch.py``, uses both).

A coverage re-ask that returns no valid answer leaves the first answer standing. The reconciliation call over
several chunks' quantities (``reconcile.py``) is cached the same way.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from checker.config import Config
from checker.extract import assembly, cache as cache_mod, chunks as chunks_mod, coverage, reconcile
from checker.extract.backend import DEFAULT_BASE_URL, InvalidAnswerError, Requests
from checker.extract.caps import capped
from checker.extract.grounding import Grounded
from checker.extract.prompt import Prompt, messages_for
from checker.extract.schema import Answer, ChunkContext, bound_chunk, merge, schema_hash
from checker.extract.tally import Count, Tally
from checker.models import Document
from checker.progress import Progress

log = logging.getLogger("factlint.llm")


class ChunkProtocol:
    """One draft's chunks, each answered from the cache or asked for through ``requests``."""

    def __init__(
        self,
        doc: Document,
        config: Config,
        requests: Requests,
        *,
        prompt: Prompt,
        cache: cache_mod.Cache,
        progress: Progress,
        tally: Tally,
        counting: coverage.Counting,
        grounded: Grounded,
    ) -> None:
        self.doc = doc
        self.config = config
        self.requests = requests
        self.prompt = prompt
        self.cache = cache
        self.progress = progress
        self.tally = tally
        self.counting = counting
        self.grounded = grounded

    def chunk(self, chunk: chunks_mod.Chunk) -> assembly.ChunkResult:
        doc, config, prompt = self.doc, self.config, self.prompt
        messages = messages_for(doc, chunk, config, prompt)
        digest = chunk_key(config, prompt, messages)
        text = text_key(doc, chunk)
        hit = self.cache.get(digest)
        if hit is not None:
            try:
                if hit.get("text") != text:  # an entry for another chunk (copied, tampered, colliding) is a miss
                    raise ValueError("cache entry is for another text")
                context = ChunkContext(doc, chunk.region, config.taxonomy, config.tolerance, grounded=self.grounded)
                with bound_chunk(context):  # and so is one whose quotes are not in this chunk
                    cached = Answer.model_validate(capped(hit["answer"]))
                result = assembly.ChunkResult(
                    chunk, cached, int(hit.get("dropped", 0)), int(hit.get("dropped_quotations", 0))
                )
            except (KeyError, TypeError, ValueError):
                log.debug("ignoring a cache entry that does not fit this chunk: %s", digest)
            else:
                self.tally.add(cache_hits=1)
                self.progress.chunk_done(chunk.index, cached=True)
                return result
        requests = Count()
        try:
            answer, dropped, unquoted = self.ask(chunk, messages, requests)
            missing = coverage.uncovered(
                doc,
                chunk.span,
                assembly.covered(doc, chunk, answer, config, self.counting, self.grounded),
                config.tolerance,
            )
            if missing:
                log.debug("chunk %d: %d figures not covered; asking once more", chunk.index + 1, len(missing))
                figures = coverage.describe(doc, chunk.span, missing)
                followup = [
                    *messages,
                    {"role": "assistant", "content": answer.model_dump_json()},
                    {"role": "user", "content": prompt.render("coverage", figures=figures)},
                ]
                try:
                    second, more, more_unquoted = self.ask(chunk, followup, requests)
                except InvalidAnswerError as exc:  # keep the first answer; the figures are reported unreviewed
                    log.debug("chunk %d: coverage re-ask gave no valid answer: %s", chunk.index + 1, exc)
                else:
                    answer, dropped, unquoted = merge(answer, second), dropped + more, unquoted + more_unquoted
        finally:
            self.tally.add(retries=max(0, requests.n - 1))
        self.cache.put(digest, cache_entry(answer, dropped, unquoted, text))
        self.progress.chunk_done(chunk.index)
        return assembly.ChunkResult(chunk, answer, dropped, unquoted)

    def reconcile(self, results: list[assembly.ChunkResult]) -> reconcile.Reconciliation | None:
        """One call over the chunks' quantity descriptions (cached like a chunk); None when there is nothing to
        reconcile or the answer never fits the schema (the chunks' quantities then stay apart)."""
        listed = [(r.chunk.index, q) for r in results for q in r.answer.quantities]
        if len({index for index, _ in listed}) < 2:
            return None
        config, prompt = self.config, reconcile.load_prompt()
        messages = reconcile.messages(listed)
        digest = cache_mod.key(
            endpoint=endpoint_key(config.base_url),
            model=config.model,
            mode=config.mode,
            temperature=config.temperature,
            prompt=prompt.version,
            prompt_hash=prompt.digest,
            schema=json.dumps(reconcile.Reconciliation.model_json_schema(), sort_keys=True),
            messages=messages,
        )
        hit = self.cache.get(digest)
        if hit is not None:
            try:
                self.tally.add(cache_hits=1)
                return reconcile.Reconciliation.model_validate(hit["answer"])
            except (KeyError, TypeError, ValueError):
                log.debug("ignoring a reconciliation cache entry that does not parse: %s", digest)
        requests = Count()
        try:
            answer = self.requests.answer_or_none(
                reconcile.Reconciliation,
                messages,
                requests,
                invalid="reconciliation gave no valid answer; chunks keep their own quantities",
            )
            if answer is None:
                return None
        finally:
            self.tally.add(retries=max(0, requests.n - 1))
        self.cache.put(digest, {"answer": answer.model_dump(mode="json")})
        return answer

    def ask(self, chunk: chunks_mod.Chunk, messages: list[dict[str, Any]], requests: Count) -> tuple[Answer, int, int]:
        """One structured call (with its re-asks) validated against the chunk.

        Returns the answer and how many ungrounded claims and quotations the last attempt dropped.
        """
        context = ChunkContext(
            self.doc, chunk.region, self.config.taxonomy, self.config.tolerance, grounded=self.grounded
        )

        def attempt(number: int) -> None:
            context.lenient = number > self.config.reasks

        where = failed_where(self.doc, chunk)
        with bound_chunk(context):
            answer = self.requests.ask(Answer, messages, requests, chunk=chunk.index, where=where, attempt=attempt)
        answer = Answer.model_validate(capped(answer.model_dump(mode="json")))  # no 20 MB "counted" field
        return answer, len(context.dropped), len(context.dropped_quotations)


def failed_where(doc: Document, chunk: chunks_mod.Chunk, path: str = "") -> str:
    """How the error of a chunk that could not be extracted begins (``path``: the draft as named, if not as loaded)."""
    first, last = doc.position(chunk.span.start)[0], doc.position(chunk.span.end - 1)[0]
    return f"{path or doc.path}: LLM extraction failed for lines {first}-{last}"


def chunk_key(config: Config, prompt: Prompt, messages: list[dict[str, Any]]) -> str:
    """The cache key of a chunk's answer (the Batch API path uses it as the request's ``custom_id`` too)."""
    return cache_mod.key(
        endpoint=endpoint_key(config.base_url),
        model=config.model,
        mode=config.mode,
        temperature=config.temperature,
        prompt=prompt.version,
        prompt_hash=prompt.digest,
        schema=schema_hash(),
        messages=messages,
    )


def endpoint_key(base_url: str) -> str:
    """The endpoint as the cache key names it: the same model name on two servers (a local one and OpenAI, two
    Azure resources) is two models. Scheme, host, port and path only, case and a trailing ``/`` aside: never a
    user:password part, query or fragment (the config refuses them; this holds for any URL), so no secret
    goes into the key's material. No base URL is OpenAI's, as the client takes it."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(base_url or DEFAULT_BASE_URL)
        port = parts.port
    except ValueError:  # a malformed URL (the config refuses it): the client would not reach it either
        return ""
    host = (parts.hostname or "").lower()
    host = f"[{host}]" if ":" in host else host  # IPv6
    netloc = f"{host}:{port}" if port is not None else host
    return f"{parts.scheme.lower()}://{netloc}{parts.path.rstrip('/')}"


def text_key(doc: Document, chunk: chunks_mod.Chunk) -> str:
    """The hash of the text a chunk's answer is grounded in, kept in its cache entry and checked on a hit."""
    return cache_mod.key(text=doc.text[chunk.region.start : chunk.region.end])


def cache_entry(answer: Answer, dropped: int, dropped_quotations: int, text: str) -> dict[str, Any]:
    """What the cache keeps for a chunk: the validated answer, what validation dropped, the text's hash."""
    return {
        "answer": answer.model_dump(mode="json"),
        "dropped": dropped,
        "dropped_quotations": dropped_quotations,
        "text": text,
    }
