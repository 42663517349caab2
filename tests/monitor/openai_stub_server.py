"""A real HTTP server on 127.0.0.1 that speaks the OpenAI chat-completions protocol, for tests.

Each request to `POST /v1/chat/completions` takes the next scripted `Reply` from the queue, or,
when the queue is empty, the server's default reply. Replies can be a verdict, an HTTP error with
headers (429 + Retry-After, 500), a slow answer, or an arbitrary raw body. Every request is
recorded (path, headers, parsed JSON body) so tests can count calls and check what was sent.

    with StubServer(default=verdict(["deception"], "high", "why", [1])) as server:
        server.script(rate_limited(retry_after="2"), server_error())
        ... JudgeConfig(base_url=server.base_url, model="stub-model") ...
        assert len(server.requests) == 3
"""

from __future__ import annotations

import dataclasses
import json
import threading
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    """One scripted answer. `content` becomes choices[0].message.content of a normal completion;
    `raw_body` (when set) is sent as is instead."""

    status: int = 200
    content: str | None = None
    raw_body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    finish_reason: str = "stop"
    usage: dict[str, int] | None = None


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: Any  # parsed JSON, or the raw text when it was not JSON


def verdict(
    categories: list[str],
    severity: str | None,
    rationale: str = "stub rationale",
    cited: list[int] | None = None,
    **extra: Any,
) -> Reply:
    payload = {
        "categories": categories,
        "severity": severity,
        "rationale": rationale,
        "cited_event_indices": cited or [],
        **extra,
    }
    return Reply(content=json.dumps(payload))


def rate_limited(retry_after: str | None = "1") -> Reply:
    headers = {"Retry-After": retry_after} if retry_after is not None else {}
    body = {
        "error": {"message": "Rate limit reached", "type": "rate_limit_error", "code": "rate_limit_exceeded"}
    }
    return Reply(status=429, raw_body=json.dumps(body).encode(), headers=headers)


def server_error(status: int = 500) -> Reply:
    body = {"error": {"message": "The server had an error processing your request.", "type": "server_error"}}
    return Reply(status=status, raw_body=json.dumps(body).encode())


def not_json_body() -> Reply:
    return Reply(raw_body=b"<html><body>502 Bad Gateway</body></html>", headers={"Content-Type": "text/html"})


def slow(delay_s: float, then: Reply | None = None) -> Reply:
    return dataclasses.replace(then or verdict(["deception"], "high", "slow", [0]), delay_s=delay_s)


class StubServer:
    """ThreadingHTTPServer on 127.0.0.1, port chosen by the OS, serving in a daemon thread."""

    def __init__(
        self,
        default: Reply | Callable[[RecordedRequest], Reply] | None = None,
        *,
        api_key: str | None = None,
    ) -> None:
        self.default = default or verdict([], "none", "nothing wrong")
        self.api_key = api_key
        self.requests: list[RecordedRequest] = []
        self._queue: deque[Reply] = deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        # A short poll interval: shutdown() waits up to one interval, once per test.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def script(self, *replies: Reply) -> None:
        with self._lock:
            self._queue.extend(replies)

    def _next_reply(self, request: RecordedRequest) -> Reply:
        with self._lock:
            self.requests.append(request)
            if self._queue:
                return self._queue.popleft()
        return self.default(request) if callable(self.default) else self.default

    def __enter__(self) -> StubServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopping.set()  # wakes handlers sleeping in a slow reply
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
                pass

            def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
                try:
                    self.send_response(status)
                    merged = {"Content-Type": "application/json", **(headers or {})}
                    for name, value in merged.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout): what a real server sees too

            def do_GET(self) -> None:
                self._send(404, b'{"error": {"message": "not found"}}')

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                try:
                    body: Any = json.loads(raw)
                except json.JSONDecodeError:
                    body = raw.decode("utf-8", errors="replace")
                request = RecordedRequest("POST", self.path, dict(self.headers.items()), body)
                if self.path != "/v1/chat/completions":
                    stub.requests.append(request)
                    self._send(404, b'{"error": {"message": "unknown path"}}')
                    return
                if stub.api_key is not None and self.headers.get("Authorization") != f"Bearer {stub.api_key}":
                    stub.requests.append(request)
                    self._send(
                        401,
                        b'{"error": {"message": "Incorrect API key provided", "code": "invalid_api_key"}}',
                    )
                    return
                if not isinstance(body, dict) or "model" not in body or "messages" not in body:
                    stub.requests.append(request)
                    self._send(400, b'{"error": {"message": "model and messages are required"}}')
                    return
                reply = stub._next_reply(request)
                if reply.delay_s and stub._stopping.wait(reply.delay_s):
                    return
                if reply.raw_body is not None:
                    self._send(reply.status, reply.raw_body, reply.headers)
                    return
                prompt_chars = sum(len(m.get("content", "")) for m in body["messages"])
                usage = reply.usage or {
                    "prompt_tokens": prompt_chars // 4,
                    "completion_tokens": len(reply.content or "") // 4,
                    "total_tokens": prompt_chars // 4 + len(reply.content or "") // 4,
                }
                completion = {
                    "id": f"chatcmpl-{uuid.uuid4().hex[:12]}",
                    "object": "chat.completion",
                    "created": 1_700_000_000,
                    "model": body["model"],
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": reply.content},
                            "finish_reason": reply.finish_reason,
                        }
                    ],
                    "usage": usage,
                }
                self._send(reply.status, json.dumps(completion).encode(), reply.headers)

        return Handler
