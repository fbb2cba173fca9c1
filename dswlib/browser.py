"""Debian's Chromium in headless mode: finding it and the flags every run uses.

Nothing is downloaded: the browser is the system's ``chromium`` (Debian package
``chromium``), or the executable named by ``DSW_CHROMIUM``. Runs are offline:
every host name is unresolvable and any proxied request goes to a dead port, so
a page that tried to load something from the network would fail to, visibly.
"""

from __future__ import annotations

import os
import shutil

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
