"""Where the index lives and how it tells a changed session file: paths, signatures, listing."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from enrich.errors import SessionError
from enrich.session.names import sanitize_name

INDEX_FILE = "index.sqlite"
RULES_FILE = "rules.json"
SUFFIX = ".json"

# Windows has no flock: opening the index is then not serialised between processes.
# A platform check (not try/except ImportError) so the type checker knows which holds.
if sys.platform != "win32":
    import fcntl


def index_path(sessions_root: Path) -> Path:
    """The index of the sessions in ``sessions_root``: beside it, in the data directory."""
    return Path(sessions_root).parent / INDEX_FILE


def rules_path(index: Path) -> Path:
    """The student's rule decisions (removed rules) beside the index: they are not derived."""
    return index.with_name(RULES_FILE)


def rebuild_marker(index: Path) -> Path:
    """Present when an update failed: the next ``EntityIndex.open`` rebuilds."""
    return index.with_name(index.name + ".rebuild")


def signature(path: Path) -> str:
    """Inode, mtime and size: every atomic save renames a new file in, so this changes."""
    st = os.stat(path)
    return f"{st.st_ino}:{st.st_mtime_ns}:{st.st_size}"


def session_files(root: Path) -> dict[str, str]:
    """Session name -> file signature of every session file the store would list."""
    found: dict[str, str] = {}
    try:
        entries = list(os.scandir(root))
    except (FileNotFoundError, NotADirectoryError):
        return found
    for entry in entries:
        name = entry.name
        if not name.endswith(SUFFIX) or name.startswith("."):
            continue
        stem = name[: -len(SUFFIX)]
        try:
            if sanitize_name(stem) != stem or not entry.is_file():
                continue
            st = entry.stat()
        except (SessionError, OSError):
            continue
        found[stem] = f"{st.st_ino}:{st.st_mtime_ns}:{st.st_size}"
    return found


@contextlib.contextmanager
def repair_lock(index: Path) -> Iterator[None]:
    """One process at a time checks, sets aside or rebuilds the index file."""
    if sys.platform == "win32":
        yield
    else:
        fd = os.open(index.with_name(f".{index.name}.lock"), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)
