"""Read a file from outside safely: a regular file only, and only up to a size.

Articles, session files, glossaries and the config all come from paths the
user (or another program) controls. A FIFO would block ``read`` forever, and
``/dev/zero`` (or a symlink to it) would read until memory runs out. The file
is opened non-blocking and checked with ``fstat`` on the open descriptor, so
there is no race between the check and the read, and the read is capped.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from enrich.messages import format_size


class NotRegularFileError(OSError):
    """The path is a FIFO, socket, device or directory; ``kind`` names it for a user."""

    def __init__(self, kind: str) -> None:
        super().__init__(errno.EINVAL, f"not a regular file ({kind})")
        self.kind = kind


class FileTooLargeError(OSError):
    """The file is bigger than the cap; ``size`` is None when it grew while being read."""

    def __init__(self, size: int | None, limit: int) -> None:
        said = f"{format_size(size)}; " if size is not None else ""
        super().__init__(errno.EFBIG, f"too large ({said}the limit is {format_size(limit)})")
        self.size = size
        self.limit = limit


_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
)


def read_regular_file(path: str | os.PathLike[str], max_bytes: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``max_bytes`` of them.

    Raises the ``OSError`` of ``os.open`` (``FileNotFoundError``,
    ``PermissionError``, ``IsADirectoryError``…), ``NotRegularFileError``,
    ``FileTooLargeError``, or ``ValueError`` for a NUL byte in the name.
    """
    fd = os.open(Path(path), _FLAGS)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFileError(file_kind(info.st_mode))
        if info.st_size > max_bytes:
            raise FileTooLargeError(info.st_size, max_bytes)
        handle = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:  # the file grew after fstat
        raise FileTooLargeError(None, max_bytes)
    return data


def file_kind(mode: int) -> str:
    """Name a non-regular file type the way a user would."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "an unusual file type"
