"""Which endpoint errors are worth another try, and how long to wait before it (honouring ``retry-after``)."""

from __future__ import annotations

import email.utils
import errno
import random
import socket
import time
from dataclasses import dataclass

from checker.extract.deadline import Expired


@dataclass(frozen=True)
class Backoff:
    """Waits between attempts after a transient error: ``initial × multiplier^n`` up to ``maximum``, with jitter.

    A server's ``retry-after`` (or ``retry-after-ms``) wins when it asks for longer, up to ``retry_after_cap``.
    """

    initial: float = 1.0
    multiplier: float = 2.0
    maximum: float = 30.0
    retry_after_cap: float = 120.0

    def wait(self, attempt: int, retry_after: float | None) -> float:
        base = min(self.maximum, self.initial * self.multiplier ** max(0, attempt - 1))
        pause = base * (0.5 + random.random() / 2)
        if retry_after is not None:
            pause = max(pause, min(retry_after, self.retry_after_cap))
        return pause


TRANSIENT_STATUS = frozenset({408, 409, 429})


class NotAnAnswer(Exception):
    """The endpoint answered 200 with something that is not a chat completion: a body that is not JSON (a login
    page, a body cut off on the way) or one with no choices. Retried like a 5xx; its text says what came back."""


def is_transient(exc: BaseException) -> bool:
    import openai  # only ever asked after a request, so openai is loaded already

    if isinstance(exc, (openai.APIConnectionError, Expired, NotAnAnswer)):  # APITimeoutError; Expired: our timeout
        return True
    if isinstance(exc, openai.APIStatusError):
        if exc.code == "insufficient_quota":  # OpenAI's 429 for an account out of credit: no wait brings it back
            return False
        return exc.status_code in TRANSIENT_STATUS or exc.status_code >= 500
    return False


def is_refused(exc: BaseException) -> bool:
    """The connection could not be made at all (refused, no route, unknown host): worth one more try, not five."""
    import openai

    if not isinstance(exc, openai.APIConnectionError) or isinstance(exc, openai.APITimeoutError):
        return False
    cause: BaseException | None = exc
    while cause is not None:  # openai -> httpx -> httpcore -> the socket's own error
        if isinstance(cause, (ConnectionRefusedError, socket.gaierror)) or (
            isinstance(cause, OSError) and cause.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH)
        ):
            return True
        cause = cause.__cause__ or cause.__context__
    return False


def retry_after(exc: BaseException) -> float | None:
    """Seconds the server asked us to wait (``retry-after-ms``, ``retry-after`` seconds or HTTP date)."""
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if headers is None:
        return None
    try:
        if headers.get("retry-after-ms"):
            return float(headers["retry-after-ms"]) / 1000
        value = headers.get("retry-after")
        if not value:
            return None
        try:
            return max(0.0, float(value))
        except ValueError:
            when = email.utils.parsedate_to_datetime(value)
            return max(0.0, when.timestamp() - time.time())
    except (TypeError, ValueError, OverflowError):
        return None
