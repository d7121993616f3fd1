"""The session itself, as JSON: the same human-readable shape as the file on disk."""

from __future__ import annotations

import msgspec

from enrich.session.model import Session


def render_json(session: Session) -> bytes:
    """Indented, key order as in the schema, with a final newline.

    Not cleaned: JSON escapes control characters, and the student's text must
    round-trip exactly.
    """
    return msgspec.json.format(msgspec.json.encode(session), indent=2) + b"\n"
