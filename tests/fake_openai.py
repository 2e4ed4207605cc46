"""A fake OpenAI-compatible chat-completions server on 127.0.0.1, scripted per request.

The real ``openai`` client (and instructor on top of it) talks to it over a socket, so tests exercise the
same code as production: HTTP status codes, headers, timeouts, JSON parsing. Nothing leaves loopback.

Usage::

    with FakeOpenAI() as fake:
        fake.enqueue(answer({"claims": [...], "not_claims": [...], "quotations": [...]}))  # the model's answer
        fake.enqueue(error(429, headers={"retry-after": "0.1"}), answer({...}))
        config = Config(base_url=fake.url, ...)                      # fake.url ends in /v1
        ...
        assert len(fake.requests) == 2
        fake.requests[0].user_text                                   # what the model was shown

Replies are served in the order enqueued. When the queue is empty, ``fake.responder(request)`` is asked
(set it to route replies by content, e.g. when chunks are sent concurrently); without one the server answers
400 "no scripted reply", which fails a run fast and visibly.

Reply helpers:

- ``answer(payload)``: the model's structured answer, shaped to what the request asked for: a tool call
  when the request has ``tools``, a ```json fenced block when it has no ``response_format`` (md_json),
  plain JSON content otherwise (json_schema). So one script serves every instructor mode.
- ``content(text)``: raw assistant text, verbatim (e.g. malformed JSON).
- ``error(status, message, headers=...)``: an OpenAI-style error body with that status.
- ``raw(body, content_type=...)``: these bytes as the whole HTTP body, status 200 unless told (a login page, a
  body cut off by a proxy).

Every helper takes ``delay`` (seconds before answering, to provoke client timeouts), ``drip`` (seconds between
the bytes of the body: a server that is never silent for long, yet never done) and ``usage``.
Usage defaults to a deterministic estimate (request bytes / 4, answer bytes / 4).

The Batch API, as far as factlint uses it: ``POST /v1/files`` (multipart upload, purpose ``batch``),
``POST /v1/batches``, ``GET /v1/batches`` (one page, newest first), ``GET /v1/batches/{id}`` and
``GET /v1/files/{id}/content``. Each line of a batch's input
file is answered like an interactive request (the queue, then the responder) when the batch is created, and
recorded in ``fake.batch_requests`` (not in ``fake.requests``, which stays the interactive calls). A batch reports
``in_progress`` for its first ``fake.batch_polls`` retrievals, then ``fake.batch_final`` (``completed``; or
``expired``, ``cancelled``) with an output file whose lines are ``{"id", "custom_id", "response": {"status_code",
"request_id", "body"}, "error"}``, one per request answered 200, and an error file for the others, as OpenAI's: a
non-200 answer, and each request past the first ``fake.batch_answered`` (default: all answered), which the batch
ended before (``"error": {"code": "batch_expired", …}``). A batch with no such lines has no such file. A
``failed`` batch (its input refused) has neither, and ``errors`` holding ``fake.batch_failure``.
``fake.uploads`` and ``fake.batches`` hold what was uploaded and created. ``fake.batch_faults`` (a deque of
``error(...)`` replies) are served in turn instead of the Batch API's answers, one per request, while it holds any.
"""

from __future__ import annotations

import email.parser
import json
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["FakeOpenAI", "Reply", "Request", "answer", "content", "error", "raw"]


@dataclass
class Reply:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drip: float = 0.0
    answer: Any = None
    content: str | None = None
    usage: dict[str, int] | None = None
    raw: bytes | None = None


def answer(payload: Any, *, delay: float = 0.0, drip: float = 0.0, usage: dict[str, int] | None = None) -> Reply:
    """The model's answer (a dict, or a pydantic model), shaped per request mode."""
    if hasattr(payload, "model_dump"):
        payload = payload.model_dump(mode="json")
    return Reply(answer=payload, delay=delay, drip=drip, usage=usage)


def content(text: str, *, delay: float = 0.0, usage: dict[str, int] | None = None) -> Reply:
    """Raw assistant text, sent as the message content whatever the mode."""
    return Reply(content=text, delay=delay, usage=usage)


def error(
    status: int,
    message: str = "",
    *,
    headers: dict[str, str] | None = None,
    code: str | None = None,
    delay: float = 0.0,
) -> Reply:
    body = {"error": {"message": message or f"fake error {status}", "type": "fake_error", "code": code}}
    return Reply(status=status, body=body, headers=dict(headers or {}), delay=delay)


def raw(body: bytes, *, content_type: str = "application/json", status: int = 200) -> Reply:
    """``body`` as the HTTP response's body, verbatim."""
    return Reply(status=status, raw=body, headers={"content-type": content_type})


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    time: float

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list(self.body.get("messages", []))

    @property
    def user_text(self) -> str:
        """All user messages joined: the text the model was asked about."""
        return "\n".join(str(m.get("content", "")) for m in self.messages if m.get("role") == "user")

    @property
    def mode(self) -> str:
        if self.body.get("tools"):
            return "tools"
        return "json_schema" if self.body.get("response_format") else "md_json"


class FakeOpenAI:
    """The server. ``url`` is the base URL (``http://127.0.0.1:<port>/v1``); ``requests`` records every request."""

    def __init__(self, responder: Callable[[Request], Reply] | None = None) -> None:
        self.responder = responder
        self.requests: list[Request] = []
        self._queue: deque[Reply] = deque()
        self.batch_requests: list[Request] = []
        self.uploads: dict[str, dict[str, Any]] = {}  # file id -> {"purpose", "filename", "data"}
        self.batches: dict[str, dict[str, Any]] = {}  # batch id -> the Batch object served
        self.batch_polls = 1
        self.batch_final = "completed"
        self.batch_answered: int | None = None
        self.batch_failure = "the model fake-model is not available in the Batch API"
        self.batch_faults: deque[Reply] = deque()
        self._polls: dict[str, int] = {}
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._server = _Server(("127.0.0.1", 0), _handler_for(self))
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/v1"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, name="fake-openai", daemon=True
        )
        self._thread.start()

    def enqueue(self, *replies: Reply) -> FakeOpenAI:
        with self._lock:
            self._queue.extend(replies)
        return self

    @property
    def pending(self) -> int:
        """Replies enqueued but not yet served."""
        with self._lock:
            return len(self._queue)

    def close(self) -> None:
        self._closing.set()  # wake delayed replies
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> FakeOpenAI:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # called from the handler threads --------------------------------------------------------------------

    def _next(self, request: Request, record: list[Request] | None = None) -> Reply:
        with self._lock:
            (self.requests if record is None else record).append(request)
            if self._queue:
                return self._queue.popleft()
        if self.responder is not None:
            return self.responder(request)
        return error(400, "FakeOpenAI: no scripted reply for this request")

    def _render(self, request: Request, reply: Reply) -> tuple[int, dict[str, str], bytes]:
        if reply.raw is not None:
            return reply.status, reply.headers, reply.raw
        if reply.answer is None and reply.content is None:
            return reply.status, reply.headers, json.dumps(reply.body).encode()
        text = reply.content if reply.content is not None else json.dumps(reply.answer, ensure_ascii=False)
        message: dict[str, Any] = {"role": "assistant", "content": text}
        if reply.content is None and request.mode == "tools":
            name = request.body["tools"][0]["function"]["name"]
            function = {"name": name, "arguments": text}
            call = {"id": f"call_{len(self.requests)}", "type": "function", "function": function}
            message = {"role": "assistant", "content": None, "tool_calls": [call]}
        elif reply.content is None and request.mode == "md_json":
            message["content"] = f"```json\n{text}\n```"
        usage = reply.usage or {
            "prompt_tokens": len(json.dumps(request.messages)) // 4,
            "completion_tokens": max(1, len(text) // 4),
        }
        usage = {**usage, "total_tokens": usage["prompt_tokens"] + usage["completion_tokens"]}
        body = {
            "id": f"chatcmpl-fake-{len(self.requests)}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": request.body.get("model", "fake"),
            "choices": [{"index": 0, "finish_reason": "stop", "message": message}],
            "usage": usage,
        }
        return 200, reply.headers, json.dumps(body, ensure_ascii=False).encode()

    # the Batch API ---------------------------------------------------------------------------------------

    def _upload(self, content_type: str, raw: bytes) -> tuple[int, dict[str, Any]]:
        message = email.parser.BytesParser().parsebytes(b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + raw)
        fields: dict[str, tuple[str, bytes]] = {}
        parts: list[Any] = message.get_payload() if message.is_multipart() else []  # type: ignore[assignment]
        for part in parts:
            name = part.get_param("name", header="content-disposition")
            fields[str(name)] = (str(part.get_filename() or ""), part.get_payload(decode=True) or b"")
        if "file" not in fields or "purpose" not in fields:
            return 400, error(400, "FakeOpenAI: an upload needs 'file' and 'purpose'").body
        with self._lock:
            file_id = f"file-fake-{len(self.uploads) + 1}"
            purpose = fields["purpose"][1].decode()
            self.uploads[file_id] = {"purpose": purpose, "filename": fields["file"][0], "data": fields["file"][1]}
        return 200, self._file_object(file_id)

    def _file_object(self, file_id: str) -> dict[str, Any]:
        upload = self.uploads[file_id]
        return {
            "id": file_id,
            "object": "file",
            "bytes": len(upload["data"]),
            "created_at": int(time.time()),
            "filename": upload["filename"],
            "purpose": upload["purpose"],
            "status": "processed",
        }

    def _create_batch(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        upload = self.uploads.get(str(body.get("input_file_id")))
        if upload is None or upload["purpose"] != "batch" or body.get("endpoint") != "/v1/chat/completions":
            return 400, error(400, "FakeOpenAI: unknown input file or endpoint").body
        lines = []
        for n, line in enumerate(upload["data"].decode().splitlines(), 1):
            item = json.loads(line)
            request = Request("POST", item["url"], {}, item["body"], time.monotonic())
            reply = self._next(request, record=self.batch_requests)
            status, _, payload = self._render(request, reply)
            response = {"status_code": status, "request_id": f"req-fake-{n}", "body": json.loads(payload)}
            lines.append({"id": f"batch-req-{n}", "custom_id": item["custom_id"], "response": response, "error": None})
        with self._lock:
            batch_id = f"batch-fake-{len(self.batches) + 1}"
            self.batches[batch_id] = {
                "id": batch_id,
                "object": "batch",
                "endpoint": body["endpoint"],
                "input_file_id": body["input_file_id"],
                "completion_window": body.get("completion_window", "24h"),
                "created_at": int(time.time()),
                "status": "validating",
                "metadata": body.get("metadata"),
                "request_counts": {"total": len(lines), "completed": 0, "failed": 0},
                "_lines": lines,
            }
            self._polls[batch_id] = 0
        return 200, self._batch_object(batch_id, poll=False)

    def _batch_object(self, batch_id: str, poll: bool = True) -> dict[str, Any]:
        with self._lock:
            batch = self.batches[batch_id]
            if poll:
                self._polls[batch_id] += 1
                done = self._polls[batch_id] > self.batch_polls
                if done and batch["status"] in ("validating", "in_progress"):
                    self._end(batch_id, batch)
                elif not done:
                    batch["status"] = "in_progress"
            return {k: v for k, v in batch.items() if not k.startswith("_")}

    def _end(self, batch_id: str, batch: dict[str, Any]) -> None:
        """The batch ends as ``batch_final``: its output and error files (called with the lock held)."""
        lines: list[dict[str, Any]] = batch["_lines"]
        if self.batch_final == "failed":
            batch["status"] = "failed"
            batch["errors"] = {"object": "list", "data": [{"code": "invalid", "message": self.batch_failure}]}
            return
        answered = lines if self.batch_answered is None else lines[: self.batch_answered]
        output = [line for line in answered if line["response"]["status_code"] == 200]
        late = {"code": f"batch_{self.batch_final}", "message": "the batch ended before this request was run"}
        errors = [line for line in answered if line not in output]
        errors += [{**line, "response": None, "error": late} for line in lines[len(answered) :]]
        batch["status"] = self.batch_final
        batch["request_counts"] = {"total": len(lines), "completed": len(output), "failed": len(errors)}
        for name, part in (("output", output), ("error", errors)):
            if part:
                file_id = f"file-fake-{name}-{batch_id}"
                data = "".join(json.dumps(line) + "\n" for line in part).encode()
                self.uploads[file_id] = {"purpose": f"batch_{name}", "filename": f"{batch_id}.jsonl", "data": data}
                batch[f"{name}_file_id"] = file_id


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hangs up mid-request is expected in timeout tests


def _handler_for(fake: FakeOpenAI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _json(self, status: int, body: Any) -> None:
            """``body`` as JSON; bytes as they are, as a web page (a test's stand-in for a login page)."""
            payload = body if isinstance(body, bytes) else json.dumps(body).encode()
            self.send_response(status)
            self.send_header("content-type", "text/html" if isinstance(body, bytes) else "application/json")
            self.send_header("content-length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def _fault(self) -> bool:
            """Serve the next of ``fake.batch_faults``, if any."""
            with fake._lock:
                reply = fake.batch_faults.popleft() if fake.batch_faults else None
            if reply is None:
                return False
            payload = json.dumps(reply.body).encode()
            self.send_response(reply.status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(payload)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)
            return True

        def do_GET(self) -> None:
            parts = self.path.split("?")[0].strip("/").split("/")  # v1/batches/<id> or v1/files/<id>/content
            if self._fault():
                return
            if parts[1:] == ["batches"]:
                with fake._lock:
                    ids = list(fake.batches)[::-1]
                listed = [fake._batch_object(i, poll=False) for i in ids]
                self._json(200, {"object": "list", "data": listed, "has_more": False})
            elif parts[1:2] == ["batches"] and len(parts) == 3 and parts[2] in fake.batches:
                self._json(200, fake._batch_object(parts[2]))
            elif parts[1:2] == ["files"] and len(parts) == 4 and parts[3] == "content" and parts[2] in fake.uploads:
                data = fake.uploads[parts[2]]["data"]
                self.send_response(200)
                self.send_header("content-type", "application/octet-stream")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            else:
                self._json(404, error(404, f"FakeOpenAI: nothing at {self.path}").body)

        def do_POST(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            raw = self.rfile.read(length) if length else b""
            batch_api = self.path.rstrip("/").endswith(("/files", "/batches"))
            if batch_api and self._fault():
                return
            if self.path.rstrip("/").endswith("/files"):
                self._json(*fake._upload(self.headers.get("content-type", ""), raw))
                return
            if self.path.rstrip("/").endswith("/batches"):
                self._json(*fake._create_batch(json.loads(raw or b"{}")))
                return
            try:
                body = json.loads(raw or b"{}")
            except ValueError:
                body = {}
            headers = {k.lower(): v for k, v in self.headers.items()}
            request = Request("POST", self.path, headers, body, time.monotonic())
            reply = fake._next(request)
            if reply.delay and fake._closing.wait(reply.delay):
                return
            status, extra, payload = fake._render(request, reply)
            try:
                self.send_response(status)
                self.send_header("content-type", extra.get("content-type", "application/json"))
                self.send_header("content-length", str(len(payload)))
                for name, value in extra.items():
                    if name != "content-type":
                        self.send_header(name, value)
                self.end_headers()
                if not reply.drip:
                    self.wfile.write(payload)
                for i in range(len(payload) if reply.drip else 0):  # bounded: one byte per step
                    self.wfile.write(payload[i : i + 1])
                    self.wfile.flush()
                    if fake._closing.wait(reply.drip):
                        return
            except OSError:
                pass  # the client gave up (timeout test); nothing to tell it

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler
