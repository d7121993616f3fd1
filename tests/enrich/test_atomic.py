"""Atomic writes keep the previous version and give files the modes users expect."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from enrich.atomic import atomic_write_bytes, atomic_write_text


def test_new_file_follows_the_umask_not_mkstemps_0600(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        atomic_write_text(tmp_path / "export.md", "# Notes\n")
    finally:
        os.umask(old)
    assert (tmp_path / "export.md").stat().st_mode & 0o777 == 0o644


def test_rewrite_keeps_the_existing_mode_and_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "session.json"
    path.write_text("v1")
    path.chmod(0o600)
    atomic_write_bytes(path, b"v2", backup=True)
    assert path.read_bytes() == b"v2"
    assert path.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "session.json~").read_bytes() == b"v1"


def test_a_failed_write_leaves_the_old_version_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "glossary.toml"
    path.write_text("old")

    def full_disk(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space"):
        atomic_write_text(path, "new")
    assert path.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["glossary.toml"]
