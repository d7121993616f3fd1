"""Annotate in a child process, so loading spaCy never stalls the caller's thread.

A thread worker blocks the reader whenever it holds the GIL: unpickling the
model, importing C extensions and building the gazetteers are single long C
calls (bench: 80-90 ms stalls of the event loop). A child process runs on the
other core and holds no lock of ours; the caller only waits on a pipe and
decodes the result (msgpack, ~8 ms for 2,300 entities).

The protocol is one msgpack request on stdin and one reply on stdout. If the
child cannot start or dies without a reply, ``ChildAnnotator`` annotates in
the calling process instead and says so in the annotation's warnings.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Literal

import msgspec

from enrich.errors import KontextError, ModelError, SourceError
from enrich.model import Annotation, Article

# The error classes a child may report, by the name that crosses the pipe.
_ErrorKind = Literal["ModelError", "SourceError", "KontextError"]
_ERRORS: dict[_ErrorKind, type[KontextError]] = {
    "ModelError": ModelError,
    "SourceError": SourceError,
    "KontextError": KontextError,
}


# How the child is started; the benchmark's probe swaps in a timed wrapper.
# -P: the student's current directory is not on sys.path, so a "random.py" or
# "spacy.py" lying there is neither imported nor run.
CHILD_COMMAND = [sys.executable, "-P", "-m", "enrich.annotate_process"]


class _Request(msgspec.Struct):
    article: Article
    model: str | None = None


class _Reply(msgspec.Struct):
    annotation: Annotation | None = None
    error: str = ""
    kind: _ErrorKind | Literal[""] = ""


class AnnotationCancelled(KontextError):
    """``ChildAnnotator.close`` stopped a running annotation."""


def _child_env() -> dict[str, str]:
    """The caller's environment; a source checkout (not installed) made importable.

    An installed Kontext lives in site-packages, which the child finds anyway;
    putting that directory on PYTHONPATH would rank it above the stdlib.
    """
    env = dict(os.environ)
    root = Path(__file__).resolve().parent.parent
    if (root / "pyproject.toml").is_file():
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(root), env.get("PYTHONPATH")) if p)
    return env


class ChildAnnotator:
    """``annotate(article)`` in a fresh ``python -m enrich.annotate_process``.

    Thread-safe for one call at a time per instance; ``close`` (from any
    thread) kills a running child so the caller returns at once.
    """

    def __init__(
        self,
        *,
        model: str | None = None,
        fallback: Callable[[Article], Annotation] | None = None,
        command: list[str] | None = None,
    ) -> None:
        """``fallback`` runs when the child fails (default: ``enrich.annotate``);
        ``command`` replaces the child's command line (tests)."""
        self.model = model
        self._fallback = fallback
        self._command = command or CHILD_COMMAND
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._closed = False

    def __call__(self, article: Article) -> Annotation:
        request = msgspec.msgpack.encode(_Request(article, self.model))
        try:
            out, err, code = self._run(request)
        except OSError as error:
            return self._annotate_here(article, f"could not start it: {error}")
        if self._closed:
            raise AnnotationCancelled("annotation stopped")
        if code < 0:  # killed by a signal, most likely for memory: not again in the reader
            raise KontextError(
                f"the annotation process was killed (signal {-code}), perhaps for lack of "
                "memory; try a shorter text"
            )
        try:
            reply = msgspec.msgpack.decode(out, type=_Reply)
        except msgspec.DecodeError:
            last = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit code {code}"]
            return self._annotate_here(article, last[0])
        if reply.annotation is None:
            failure = _ERRORS[reply.kind] if reply.kind else KontextError
            raise failure(reply.error or "annotation failed")
        return reply.annotation

    def _run(self, request: bytes) -> tuple[bytes, bytes, int]:
        with self._lock:
            if self._closed:
                raise AnnotationCancelled("annotation stopped")
            self._process = subprocess.Popen(
                self._command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=_child_env(),
            )
        try:
            out, err = self._process.communicate(request)
            return out, err, self._process.returncode
        finally:
            self._process = None

    def _annotate_here(self, article: Article, why: str) -> Annotation:
        fallback = self._fallback
        if fallback is None:
            from enrich.annotator import annotate

            def fallback(a: Article) -> Annotation:
                return annotate(a, model=self.model)

        annotation = fallback(article)
        note = f"the annotation process failed ({why}); annotated in the reader's process instead"
        return dataclasses.replace(annotation, warnings=(*annotation.warnings, note))

    def close(self) -> None:
        """Stop a running child; later calls raise ``AnnotationCancelled``."""
        with self._lock:
            self._closed = True
            process = self._process
        if process is not None and process.poll() is None:
            process.kill()


def main() -> int:
    """The child: one request from stdin, one reply to stdout."""
    request = msgspec.msgpack.decode(sys.stdin.buffer.read(), type=_Request)
    from enrich.annotator import annotate

    try:
        reply = _Reply(annotation=annotate(request.article, model=request.model))
    except KontextError as error:
        kind = next(k for k, cls in _ERRORS.items() if isinstance(error, cls))
        reply = _Reply(error=str(error), kind=kind)
    sys.stdout.buffer.write(msgspec.msgpack.encode(reply))
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
