"""A small Language Server Protocol client: starts `orgc lsp` and speaks JSON-RPC to it over stdio."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

TIMEOUT = 30.0


class Client:
    def __init__(self, root: Path, capabilities: dict[str, Any] | None = None) -> None:
        self.root = root
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        command = [sys.executable, "-m", "orgc", "lsp"]
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
        )
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}
        self.versions: dict[str, int] = {}
        self.server_requests: list[dict[str, Any]] = []
        self._next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": root.as_uri(),
                "capabilities": capabilities if capabilities is not None else default_capabilities(),
            },
        )
        self.notify("initialized", {})

    # -- the wire --
    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            assert length is not None
            self.messages.put(json.loads(stream.read(length)))

    def _next(self, deadline: float) -> dict[str, Any]:
        message = self.messages.get(timeout=max(deadline - time.monotonic(), 0.001))
        if message.get("method") == "textDocument/publishDiagnostics":
            self.diagnostics[message["params"]["uri"]] = message["params"]["diagnostics"]
        elif "method" in message and "id" in message:  # a request of the server's: answer it
            self.server_requests.append(message)
            self._send({"id": message["id"], "result": None})
        return message

    # -- requests and notifications --
    def request(self, method: str, params: Any) -> Any:
        self._next_id += 1
        ident = self._next_id
        self._send({"id": ident, "method": method, "params": params})
        deadline = time.monotonic() + TIMEOUT
        while True:
            message = self._next(deadline)
            if message.get("id") == ident and "method" not in message:
                if "error" in message:
                    raise RuntimeError(message["error"]["message"])
                return message["result"]

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def wait_diagnostics(self, uri: str, timeout: float = TIMEOUT) -> list[dict[str, Any]]:
        """The next diagnostics published for ``uri``."""
        deadline = time.monotonic() + timeout
        while True:
            message = self._next(deadline)
            if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
                return message["params"]["diagnostics"]

    def settle(self, quiet: float = 0.4) -> None:
        """Read what the server publishes until it has said nothing for ``quiet`` seconds."""
        while True:
            try:
                self._next(time.monotonic() + quiet)
            except queue.Empty:
                return

    # -- documents --
    def uri(self, rel: str) -> str:
        return (self.root / rel).as_uri()

    def rel(self, uri: str) -> str:
        """A file of the project by its URI, relative to the project."""
        return Path(unquote(urlparse(uri).path)).relative_to(self.root).as_posix()

    def open(self, rel: str, text: str | None = None) -> str:
        uri = self.uri(rel)
        text = (self.root / rel).read_text(encoding="utf-8") if text is None else text
        self.versions[uri] = 1
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
        )
        return uri

    def change(self, rel: str, text: str) -> str:
        uri = self.uri(rel)
        self.versions[uri] += 1
        self.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": self.versions[uri]},
                "contentChanges": [{"text": text}],
            },
        )
        return uri

    def close(self) -> None:
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self.process.wait(timeout=10)
        finally:
            if self.process.poll() is None:
                self.process.kill()


def default_capabilities() -> dict[str, Any]:
    return {
        "workspace": {
            "didChangeWatchedFiles": {"dynamicRegistration": True},
            "workspaceEdit": {"documentChanges": True, "resourceOperations": ["create", "rename", "delete"]},
        },
        "textDocument": {
            "publishDiagnostics": {},
            "completion": {},
            "hover": {},
            "rename": {"prepareSupport": True},
        },
    }


def position(text: str, needle: str, offset: int = 0) -> dict[str, int]:
    """The LSP position (UTF-16 columns) of the first ``needle`` in ``text``, ``offset`` characters in."""
    index = text.index(needle) + offset
    line = text.count("\n", 0, index)
    start = text.rfind("\n", 0, index) + 1
    return {"line": line, "character": len(text[start:index].encode("utf-16-le")) // 2}
