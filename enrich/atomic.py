"""The one way Kontext writes files: temp file, fsync, rename.

A crash or a full disk mid-write leaves the previous version intact, and a
reader never sees half a file.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path


def _default_mode(path: Path) -> int:
    """The mode a plain ``open()`` would give: the old file's, else 0o666 minus the umask.

    ``mkstemp`` creates 0600 files; an export handed to other programs (or a
    glossary the user shares) should not silently become private.
    """
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        pass
    try:
        status = Path("/proc/self/status").read_text()
        umask = int(
            next(line.split()[1] for line in status.splitlines() if line.startswith("Umask:")), 8
        )
    except (OSError, StopIteration, ValueError, IndexError):
        umask = 0o022
    return 0o666 & ~umask


def atomic_write_bytes(path: Path, data: bytes, *, backup: bool = False) -> None:
    """Replace ``path`` with ``data`` atomically; keep ``path~`` as backup if asked."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _default_mode(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with contextlib.suppress(OSError):  # e.g. filesystems without modes
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if backup and path.exists():
            _keep_backup(path)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    try:  # make the rename itself durable
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def _keep_backup(path: Path) -> None:
    """Point ``path~`` at the current version without ever leaving ``path`` missing."""
    staging = path.with_name(f".{path.name}.bak.tmp")
    staging.unlink(missing_ok=True)
    try:
        os.link(path, staging)  # same inode: the old version survives the replace below
    except OSError:
        shutil.copy2(path, staging)
    os.replace(staging, path.with_name(path.name + "~"))
    # rename() between two links of one file does nothing (POSIX): the backup
    # already was this version (a save killed before its rename); drop the link.
    staging.unlink(missing_ok=True)


def atomic_write_text(path: Path, text: str, *, backup: bool = False) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), backup=backup)
