"""Files and folders under `var/` are readable by their owner only: 0600 and 0700.

The supervisor also starts every process with umask 077, so whatever a process
creates there (the SQLite database and its WAL files, logs) is private from the
start; these helpers make the same true for code run outside the supervisor
(`make purge`, a gateway started by hand) and repair modes left by older versions.
"""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_UMASK = 0o077
FILE_MODE = 0o600
DIR_MODE = 0o700


def private_dir(path: Path) -> Path:
    """Create `path` (and missing parents) as 0700, and tighten it if it exists."""
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    path.chmod(DIR_MODE)
    return path


def write_private(path: Path, text: str) -> None:
    """Write `text` to a file that is 0600 from the moment it exists."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "w") as handle:
        handle.write(text)
    path.chmod(FILE_MODE)


def open_private_append(path: Path) -> int:
    """A file descriptor for appending to `path`, created 0600 (and tightened if it exists)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE)
    os.chmod(path, FILE_MODE)
    return fd


def tighten(root: Path) -> None:
    """Make every folder under `root` 0700 and every file 0600 (no-op if `root` is missing)."""
    if not root.exists():
        return
    root.chmod(DIR_MODE)
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            os.chmod(os.path.join(folder, name), DIR_MODE)
        for name in files:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                os.chmod(path, FILE_MODE)
