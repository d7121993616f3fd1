"""Sessions on disk: one readable JSON file per session in the sessions directory.

Writes go through ``enrich.atomic`` (temp file, fsync, rename; the previous
version stays as ``NAME.json~``), so a crash leaves the old session readable.
A file that cannot be read (corrupt, wrong shape, newer schema) is reported
and never touched: ``load`` only reads, ``save`` refuses to write over it,
and ``list`` shows it with its error.

Two processes editing one session: every save bumps ``revision``. ``save``
takes an exclusive lock (``filelock`` on ``.NAME.lock``), re-reads the file and,
if another process saved a newer revision since this session was loaded,
merges the two (``enrich.session.merge``) instead of overwriting.
"""

from __future__ import annotations

import builtins
import contextlib
import os
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import msgspec
from filelock import FileLock, Timeout

from enrich.atomic import atomic_write_bytes
from enrich.errors import SessionError
from enrich.index.hook import index_after_save
from enrich.regular_file import FileTooLargeError, NotRegularFileError, read_regular_file
from enrich.session.codec import copy, decode, encode
from enrich.session.merge import MergeReport, merge
from enrich.session.model import SCHEMA_VERSION, Session, now_iso
from enrich.session.names import MAX_NAME_BYTES, sanitize_name, truncate_utf8
from enrich.text_clean import clean_text

SUFFIX = ".json"
# The most a session file may hold: a 20 MB article (the article cap) with
# every mention and note, indented, stays far below it; /dev/zero behind a
# symlink stops here instead of filling memory.
MAX_SESSION_BYTES = 256 * 1024 * 1024
LOCK_TIMEOUT = 10.0  # seconds; a save holds the lock for milliseconds
_BASES_KEPT = 16


class NameTakenError(SessionError):
    """The session name already holds another article (saving would need ``overwrite``)."""


@dataclass(frozen=True)
class SessionInfo:
    """One row of ``kontext sessions list``; ``error`` is set for an unreadable file."""

    name: str
    path: Path
    title: str = ""
    source: str = ""
    language: str = ""
    sha256: str = ""
    updated: str = ""
    entities: int = 0
    notes: int = 0
    bookmarks: int = 0
    error: str = ""


@dataclass(frozen=True)
class ArticleSessions:
    """``sessions_of_article``: readable session names, newest first, and the errors of
    files that may be this article's sessions but cannot be read (left untouched)."""

    names: list[str]
    unreadable: list[SessionError]


@dataclass
class SaveResult:
    """The session as written (use it from now on) and what a merge took over."""

    session: Session
    merge: MergeReport = field(default_factory=MergeReport)

    @property
    def merged(self) -> bool:
        return bool(self.merge)


class SessionStore:
    """Load, save, list and delete sessions in ``root`` (default: the data dir's ``sessions``)."""

    def __init__(self, root: Path | None = None) -> None:
        if root is None:
            from enrich.paths import data_dir

            root = data_dir() / "sessions"
        self.root = Path(root)
        # (name, revision) -> the session as this store last loaded or saved it:
        # the common base of a three-way merge with another process's save.
        self._bases: OrderedDict[tuple[str, int], bytes] = OrderedDict()

    # -- paths -------------------------------------------------------------

    def path(self, name: str) -> Path:
        """The file of session ``name`` (sanitised; always directly inside ``root``)."""
        stem = sanitize_name(name)
        path = self.root / f"{stem}{SUFFIX}"
        if path.parent != self.root or path.name != f"{stem}{SUFFIX}":  # belt and braces
            raise SessionError(f"'{name}' is not a usable session name")
        return path

    def exists(self, name: str) -> bool:
        """Is the name taken, by a session file or by anything else (a FIFO, a symlink)?"""
        return os.path.lexists(self.path(name))

    def free_name(self, base: str) -> str:
        """``base``, or ``base-2``, ``base-3``…: the first name no session file has yet."""
        stem = sanitize_name(base)
        if not self.exists(stem):
            return stem
        room = sanitize_name(truncate_utf8(stem, MAX_NAME_BYTES - 8))  # for "-NNNNNNN"
        n = 2
        while self.exists(f"{room}-{n}"):
            n += 1
        return f"{room}-{n}"

    # -- reading -----------------------------------------------------------

    def load(self, name: str) -> Session:
        """The session ``name``; ``SessionError`` (one line, file untouched) if it cannot be read.

        The returned session is named after its file, whatever the file says,
        so saving it writes back to the same file.
        """
        stem = sanitize_name(name)
        session = self._read(stem, self.path(stem))
        if session is None:
            raise SessionError(f"no session named '{stem}' (see 'kontext sessions list')")
        self._remember(session)
        return session

    def _read(self, stem: str, path: Path) -> Session | None:
        try:
            data = _read_file(stem, path)
        except FileNotFoundError:
            return None
        try:
            session = decode(data)
        except SessionError as exc:
            backup = path.with_name(path.name + "~")
            hint = f"; the previous version is in {backup}" if backup.is_file() else ""
            raise SessionError(
                f"cannot open session '{stem}' ({path}): {exc}. The file was left untouched{hint}"
            ) from exc
        session.name = stem
        return session

    def _files(self) -> list[tuple[str, Path]]:
        """(name, path) of every session file, by name; hidden and temp files left out."""
        if not self.root.is_dir():
            return []
        try:
            paths = sorted(self.root.glob(f"*{SUFFIX}"))
        except OSError as exc:
            raise SessionError(f"cannot list sessions in {self.root}: {exc.strerror}") from exc
        stems = ((path.name[: -len(SUFFIX)], path) for path in paths)
        # Not only regular files: a FIFO or a symlink to a device is listed with its error.
        return [
            (stem, path)
            for stem, path in stems
            if not stem.startswith(".") and os.path.lexists(path) and not path.is_dir()
        ]

    def list(self) -> list[SessionInfo]:
        """Every session, newest first; unreadable files are listed with their error."""
        from enrich.session.convert import annotation_of

        infos: list[SessionInfo] = []
        for stem, path in self._files():
            try:
                if _usable(stem) != stem:
                    raise SessionError(
                        f"'{path.name}' is not a usable session file name; rename the file"
                    )
                session = self._read(stem, path)
            except SessionError as exc:
                infos.append(SessionInfo(name=stem, path=path, error=str(exc)))
                continue
            if session is None:  # deleted meanwhile
                continue
            article = session.article
            infos.append(
                SessionInfo(
                    name=stem,
                    path=path,
                    title=article.title,
                    source=article.source,
                    language=article.language,
                    sha256=article.sha256,
                    updated=session.updated,
                    entities=len(annotation_of(session).entities),
                    notes=sum(1 for n in session.notes.values() if n.note.strip() or n.tags),
                    bookmarks=len(session.bookmarks),
                )
            )
        infos.sort(key=lambda i: i.name)
        infos.sort(key=lambda i: i.updated, reverse=True)  # ISO stamps sort as text
        infos.sort(key=lambda i: bool(i.error))  # stable: unreadable ones last
        return infos

    def find_by_article(self, sha256: str) -> builtins.list[str]:
        """Names of the readable sessions of this article text, newest first."""
        return self.sessions_of_article(sha256).names

    def sessions_of_article(self, sha256: str, name: str = "") -> ArticleSessions:
        """The readable sessions of this article text (newest first), and the unreadable
        files that may be its sessions.

        The reader asks at every start, so each file's article hash is read with
        a partial decode (a few ms for a big session); only matching files are
        read and checked in full. ``list`` would replay every session. A file
        that cannot be read never hides the others: it is skipped, and its error
        is in ``unreadable`` when its hash is this article's or, for a file whose
        hash cannot be read at all, when it is named ``name`` or ``name-N``.
        """
        want = _bare_hash(sha256)
        found: list[tuple[str, str]] = []
        unreadable: list[SessionError] = []
        ours = sanitize_name(name) if name else ""
        for stem, path in self._files():
            if _usable(stem) != stem:
                continue
            try:
                head = msgspec.json.decode(_read_file(stem, path), type=_Head)
            except FileNotFoundError:
                continue
            except (SessionError, msgspec.DecodeError, RecursionError) as exc:
                if ours and (stem == ours or _numbered(stem, ours)):
                    unreadable.append(self._unreadable(stem, path, exc))
                continue
            if _bare_hash(head.article.sha256) != want:
                continue
            try:
                session = self._read(stem, path)
            except SessionError as exc:
                unreadable.append(exc)
                continue
            if session is not None:
                found.append((session.updated, stem))
        found.sort(key=lambda item: item[1])
        found.sort(key=lambda item: item[0], reverse=True)  # ISO stamps sort as text
        return ArticleSessions([stem for _, stem in found], unreadable)

    def _unreadable(self, stem: str, path: Path, exc: Exception) -> SessionError:
        """The error ``load`` gives for this file (``exc`` is from a partial read)."""
        try:
            self._read(stem, path)
        except SessionError as error:
            return error
        return SessionError(f"cannot open session '{stem}' ({path}): {exc}")

    # -- writing -----------------------------------------------------------

    def save(self, session: Session, *, overwrite: bool = False) -> Session:
        """Write ``session`` and return it as written; see ``save_with_report``."""
        return self.save_with_report(session, overwrite=overwrite).session

    def save_with_report(self, session: Session, *, overwrite: bool = False) -> SaveResult:
        """Write ``session`` under its (sanitised) name, merging another process's save.

        Under the session's lock the file on disk is re-read. If its revision is
        newer than ``session.revision`` (the revision this session was loaded or
        last saved at), the two are merged (``enrich.session.merge``) and the
        report says what was taken over: corrections united in the order they
        were made, notes merged per entity (a note both edited keeps both texts,
        joined by a separator line), bookmarks united by id, wiki choices and
        enrichment united with ours winning, the position ours. Deletions are
        respected when this store knows the common base version.

        ``overwrite=True`` replaces the file instead (``annotate --save --force``;
        the old file stays as ``NAME.json~``).
        Refuses (``SessionError``) to write over an unreadable file or a session of
        another article unless ``overwrite``. ``session`` itself is not changed:
        use the returned session from now on, it carries the new revision.
        """
        stem = sanitize_name(session.name)
        path = self.path(stem)
        self.root.mkdir(parents=True, exist_ok=True)
        with self._locked(stem):
            self._remove_leftovers(path)
            on_disk = None
            if not overwrite:
                on_disk = self._read(stem, path)  # SessionError if unreadable: keep it
            elif path.is_file():
                with contextlib.suppress(SessionError):
                    on_disk = self._read(stem, path)
            ours = msgspec.structs.replace(session, name=stem)
            report = MergeReport()
            revision = session.revision
            if on_disk is not None:
                revision = max(revision, on_disk.revision)
                if not overwrite and on_disk.article.sha256 != ours.article.sha256:
                    title = " ".join(clean_text(on_disk.article.title).split())
                    raise NameTakenError(
                        f"session '{stem}' already holds another article ('{title}'); "
                        "choose another name, or replace it with --force"
                    )
                if not overwrite and _changed_since(on_disk, session):
                    ours, report = merge(self._base(stem, session), ours, on_disk)
            saved = msgspec.structs.replace(
                ours,
                schema=SCHEMA_VERSION,
                revision=revision + 1,
                updated=now_iso(),
                created=ours.created or now_iso(),
            )
            atomic_write_bytes(path, encode(saved), backup=True)
        self._remember(saved)
        index_after_save(self, saved)  # the entity index; only warns if it fails
        return SaveResult(copy(saved), report)

    def save_under_free_name(self, session: Session, *, tries: int = 5) -> SaveResult:
        """Save ``session``; if its name holds another article, under the next free one.

        Each name is checked under that name's lock (by ``save_with_report``), so
        two processes never write one article over another; if a free name is
        taken meanwhile, the next one is tried, ``tries`` times at most. The
        returned session carries the name it was saved under.
        """
        wanted = sanitize_name(session.name)
        candidate = session
        for attempt in range(tries + 1):
            try:
                return self.save_with_report(candidate)
            except NameTakenError:
                if attempt == tries:
                    raise
                candidate = msgspec.structs.replace(session, name=self.free_name(wanted))
        raise AssertionError("unreachable: the last attempt returns or raises")

    def delete(self, name: str) -> None:
        """Remove the session and its backup (readable or not); ``SessionError`` if missing."""
        stem = sanitize_name(name)
        path = self.path(stem)
        with self._locked(stem):
            if not os.path.lexists(path) or path.is_dir():
                raise SessionError(f"no session named '{stem}' (see 'kontext sessions list')")
            path.unlink()
            path.with_name(path.name + "~").unlink(missing_ok=True)
            # Safe while we hold it: a waiting process sees a new lock file and retries.
            (self.root / f".{stem}.lock").unlink(missing_ok=True)
        for key in [k for k in self._bases if k[0] == stem]:
            del self._bases[key]

    # -- internals ---------------------------------------------------------

    def _remove_leftovers(self, path: Path) -> None:
        """Temp files of saves killed before their rename (only ever written under the lock)."""
        prefix = f".{path.name}."
        for entry in self.root.iterdir():
            if entry.name.startswith(prefix) and entry.name.endswith(".tmp"):
                entry.unlink(missing_ok=True)

    def _remember(self, session: Session) -> None:
        key = (session.name, session.revision)
        self._bases[key] = encode(session)
        self._bases.move_to_end(key)
        while len(self._bases) > _BASES_KEPT:
            self._bases.popitem(last=False)

    def _base(self, stem: str, session: Session) -> Session | None:
        """The version ``session`` started from, if this store loaded or saved it."""
        data = self._bases.get((stem, session.revision))
        if data is None:
            return None
        base = decode(data)
        return base if base.created == session.created else None

    @contextlib.contextmanager
    def _locked(self, stem: str) -> Iterator[None]:
        """Hold ``.NAME.lock`` exclusively: one save or delete of a session at a time.

        ``filelock`` locks the file that is there now (a lock file deleted meanwhile
        is taken anew), across processes and threads, on every platform.
        """
        lock = FileLock(self.root / f".{stem}.lock", timeout=LOCK_TIMEOUT, mode=0o600)
        try:
            lock.acquire()
        except Timeout as exc:
            raise SessionError(
                f"session '{stem}' is being saved by another Kontext process; try again"
            ) from exc
        try:
            yield
        finally:
            lock.release()


def _read_file(stem: str, path: Path) -> bytes:
    """A session file's bytes, read as articles are: a regular file, non-blocking, capped.

    ``FileNotFoundError`` passes through (the file was deleted); anything else
    that stops the read is a ``SessionError`` naming the file.
    """
    try:
        return read_regular_file(path, MAX_SESSION_BYTES)
    except FileNotFoundError:
        raise
    except NotRegularFileError as exc:
        raise SessionError(
            f"cannot read session '{stem}' ({path}): it is not a regular file ({exc.kind})"
        ) from exc
    except FileTooLargeError as exc:
        raise SessionError(f"cannot read session '{stem}' ({path}): it is {exc.strerror}") from exc
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise SessionError(f"cannot read session '{stem}' ({path}): {reason}") from exc
    except ValueError as exc:  # a NUL byte in the name
        raise SessionError(f"cannot read session '{stem}': {exc}") from exc


def _numbered(stem: str, base: str) -> bool:
    """``base-2``, ``base-3``…: the names ``free_name`` gives after ``base``."""
    return stem.startswith(f"{base}-") and stem[len(base) + 1 :].isdigit()


def _changed_since(on_disk: Session, session: Session) -> bool:
    """Did another process save since ``session`` was loaded or saved?

    A newer revision says so; so does another ``created`` stamp (the file was
    deleted and made anew) and a session never saved (revision 0) meeting a file.
    """
    return (
        on_disk.revision > session.revision
        or on_disk.created != session.created
        or session.revision == 0
    )


class _ArticleHash(msgspec.Struct):
    sha256: str = ""


class _Head(msgspec.Struct):
    """Just enough of a session file to tell which article it is about."""

    article: _ArticleHash = msgspec.field(default_factory=_ArticleHash)


def _usable(stem: str) -> str:
    try:
        return sanitize_name(stem)
    except SessionError:
        return ""


def _bare_hash(value: str) -> str:
    return value.removeprefix("sha256:").lower()
