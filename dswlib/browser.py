"""Debian's Chromium in headless mode: finding it and the flags every run uses.

:func:`load_page` opens a page through the DevTools protocol (over a pipe, no
extra package) and reports every request it made and every failure.

Nothing is downloaded: the browser is the system's ``chromium`` (Debian package
``chromium``), or the executable named by ``DSW_CHROMIUM``. Runs are offline:
every host name is unresolvable and any proxied request goes to a dead port, so
a page that tried to load something from the network would fail to, visibly.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

DEBIAN_PACKAGE = "chromium"
EXECUTABLES = ("chromium", "chromium-browser")
OFFLINE_FLAGS = (
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=http://127.0.0.1:9",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-pings",
)


class BrowserMissing(RuntimeError):
    """Chromium is not installed."""

    def __init__(self):
        super().__init__(
            f"Chromium not found (looked for {', '.join(EXECUTABLES)} on PATH and $DSW_CHROMIUM). "
            f"Install the Debian package '{DEBIAN_PACKAGE}': sudo apt-get install {DEBIAN_PACKAGE}"
        )


def find_chromium() -> str:
    """Path of the Chromium executable; :class:`BrowserMissing` names the Debian package to install."""
    override = os.environ.get("DSW_CHROMIUM")
    if override:
        found = shutil.which(override)
        if found:
            return found
        raise BrowserMissing()
    for name in EXECUTABLES:
        found = shutil.which(name)
        if found:
            return found
    raise BrowserMissing()


def headless_args(profile_dir, *, offline: bool = True) -> list[str]:
    """Flags for one headless run with its own throw-away profile directory."""
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
            "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio", f"--user-data-dir={profile_dir}"]
    if offline:
        args.extend(OFFLINE_FLAGS)
    return args


# --------------------------------------------------------------------------- DevTools over a pipe
@dataclass
class PageLoad:
    """What a page asked for while loading, as Chromium's DevTools reported it."""

    url: str
    requests: list[str] = field(default_factory=list)             # every URL requested (page, images, fonts ...)
    failed: list[tuple[str, str]] = field(default_factory=list)   # (url, error or blocked reason)
    messages: list[str] = field(default_factory=list)             # console / log entries (CSP violations ...)
    loaded: bool = False                                          # the load event fired

    @property
    def external(self) -> list[str]:
        """Requests that would leave the machine (anything but file:, data:, about:, blob:)."""
        return [u for u in self.requests if u.split(":", 1)[0].lower() not in ("file", "data", "about", "blob")]


class _Pipe:
    """A minimal Chrome DevTools Protocol client on ``--remote-debugging-pipe`` (fd 3 in, fd 4 out)."""

    def __init__(self, proc, write_fd: int, read_fd: int):
        self.proc, self.write_fd, self.read_fd = proc, write_fd, read_fd
        self.buffer = b""
        self.next_id = 0
        self.events: list[dict] = []

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> int:
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.write_fd, json.dumps(msg).encode() + b"\0")
        return self.next_id

    def receive(self, deadline: float) -> dict | None:
        import select

        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([self.read_fd], [], [], left)
            if not ready:
                return None
            chunk = os.read(self.read_fd, 1 << 16)
            if not chunk:
                return None
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method: str, params: dict | None = None, session: str | None = None, timeout: float = 30) -> dict:
        wanted = self.send(method, params, session)
        deadline = time.monotonic() + timeout
        while True:
            msg = self.receive(deadline)
            if msg is None:
                raise TimeoutError(f"DevTools: no answer to {method}")
            if msg.get("id") == wanted:
                if "error" in msg:
                    raise RuntimeError(f"DevTools {method}: {msg['error']}")
                return msg.get("result", {})
            self.events.append(msg)


def load_page(html_path, *, timeout: float = 60, offline: bool = True) -> PageLoad:
    """Open ``html_path`` in headless Chromium (offline by default) and record every request and failure."""
    import fcntl
    import subprocess
    import tempfile

    chromium = find_chromium()
    url = Path(html_path).resolve().as_uri()
    to_child_r, to_child_w = os.pipe()
    from_child_r, from_child_w = os.pipe()

    def wire_fds():  # the child reads commands on fd 3 and writes answers on fd 4
        a = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10)
        b = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)
        os.dup2(a, 3)
        os.dup2(b, 4)

    result = PageLoad(url)
    with tempfile.TemporaryDirectory(prefix="dsw-chromium-") as profile:
        proc = subprocess.Popen([chromium, *headless_args(profile, offline=offline), "--remote-debugging-pipe", "about:blank"],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                pass_fds=(3, 4), preexec_fn=wire_fds)
        os.close(to_child_r)
        os.close(from_child_w)
        pipe = _Pipe(proc, to_child_w, from_child_r)
        try:
            target = pipe.call("Target.createTarget", {"url": "about:blank"})["targetId"]
            session = pipe.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            for domain in ("Network", "Log", "Runtime", "Page"):
                pipe.call(f"{domain}.enable", session=session)
            pipe.call("Page.navigate", {"url": url}, session=session)
            pending: dict[str, str] = {}
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                msg = pipe.events.pop(0) if pipe.events else pipe.receive(deadline)
                if msg is None:
                    break
                method, params = msg.get("method"), msg.get("params", {})
                if method == "Network.requestWillBeSent":
                    result.requests.append(params["request"]["url"])
                    pending[params["requestId"]] = params["request"]["url"]
                elif method == "Network.loadingFinished":
                    pending.pop(params.get("requestId"), None)
                elif method == "Network.loadingFailed":
                    failed_url = pending.pop(params.get("requestId"), "?")
                    result.failed.append((failed_url, params.get("blockedReason") or params.get("errorText", "")))
                elif method == "Log.entryAdded":
                    entry = params.get("entry", {})
                    result.messages.append(f"{entry.get('level')}/{entry.get('source')}: {entry.get('text')}")
                elif method == "Runtime.consoleAPICalled":
                    result.messages.append(f"console.{params.get('type')}")
                elif method == "Runtime.exceptionThrown":
                    result.messages.append(f"exception: {params.get('exceptionDetails', {}).get('text')}")
                elif method == "Page.loadEventFired":
                    result.loaded = True
                if result.loaded and not pending:
                    break
            try:
                pipe.send("Browser.close")
            except OSError:
                pass
        finally:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            os.close(to_child_w)
            os.close(from_child_r)
    return result
