"""``python -m karabakh browser`` (run by ``make test`` and ``make pdf``): make sure a Chromium is at hand.

The browser tests and the PDF drive a real Chromium through Playwright, which never downloads a
browser here. Where none is found (``CHROMIUM=``, then ``chromium`` or ``chromium-browser`` on the
path), Debian's ``chromium`` package is installed when this process may do so (it runs as root, or
``sudo`` works without a password, and ``apt-get`` exists); otherwise the command stops with one line
that says what to install and how to point ``CHROMIUM=`` at a browser, before any test has run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

#: Debian's package: the browser and its recommended fonts (the PDF and the screenshots need them).
PACKAGE = "chromium"
MISSING = ("error: the browser tests and the PDF need Chromium: install it (Debian/Ubuntu: "
           "sudo apt-get install chromium) or set CHROMIUM=/path/to/chromium")


def find() -> str | None:
    """The Chromium to use: ``$CHROMIUM`` if set, else the first on the path."""
    if os.environ.get("CHROMIUM"):
        return os.environ["CHROMIUM"]
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _installer() -> list[str] | None:
    """How to run apt-get as root here, or None if this process cannot."""
    if not shutil.which("apt-get"):
        return None
    if os.geteuid() == 0:
        return []
    if shutil.which("sudo") and subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode == 0:
        return ["sudo", "-n"]
    return None


def ensure() -> int:
    found = find()
    if found:
        if os.environ.get("CHROMIUM") and not os.access(found, os.X_OK):
            print(f"error: CHROMIUM={found} is not an executable file", file=sys.stderr)
            return 2
        return 0
    prefix = _installer()
    if prefix is None:
        print(MISSING, file=sys.stderr)
        return 2
    print(f"installing Debian's {PACKAGE} for the browser tests and the PDF (apt-get)", file=sys.stderr, flush=True)
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", PACKAGE]):
        completed = subprocess.run([*prefix, *command], env=environment, stdout=subprocess.DEVNULL)
        if completed.returncode != 0:
            print(f"error: `{' '.join(command)}` failed (exit {completed.returncode}); " + MISSING[len("error: "):],
                  file=sys.stderr)
            return 2
    if not find():
        print(f"error: {PACKAGE} was installed but no chromium is on the path; set CHROMIUM=/path/to/chromium",
              file=sys.stderr)
        return 2
    return 0


def main() -> int:
    return ensure()
