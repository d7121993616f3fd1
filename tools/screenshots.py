"""Make docs/screenshots/*.png from the reader's snapshot SVGs.

    python tools/screenshots.py            # needs a Chromium (e.g. /usr/bin/chromium)

The snapshot tests (tests/tui/test_*snapshots.py) draw the reader's main states in
a real Textual terminal and keep them as SVG; this turns the ones the README and
the docs show into PNGs. The SVGs name a web font; its remote sources are removed
first, so Chromium draws with the local monospace font and asks no other host.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = ROOT / "tests" / "tui" / "__snapshots__"
OUT = ROOT / "docs" / "screenshots"

SHOTS = {
    "main.png": "test_snapshots/test_demo_screen_after_annotation.svg",
    "card-full.png": "test_card_snapshots/test_card_full.svg",
    "card-disambiguation.png": "test_card_snapshots/test_card_disambiguation.svg",
    "help.png": "test_snapshots/test_help_screen.svg",
    "entity-list.png": "test_article_snapshots/test_entity_list_filtered.svg",
    "seen-in.png": "test_memory_snapshots/test_card_with_seen_in.svg",
    "article-map.png": "test_memory_snapshots/test_article_map.svg",
    "german.png": "test_snapshots/test_german_interface_with_a_card.svg",
    "light-theme.png": "test_snapshots/test_light_theme_after_a_live_switch.svg",
}
_REMOTE = re.compile(r",?\s*url\(\"https?://[^)]*\)\s*format\(\"[a-z0-9]+\"\)")
_VIEWBOX = re.compile(r'viewBox="0 0 ([\d.]+) ([\d.]+)"')


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    sys.exit("tools/screenshots.py: no Chromium found (apt-get install chromium)")


def render(svg: Path, png: Path, browser: str) -> None:
    text = _REMOTE.sub("", svg.read_text(encoding="utf-8"))
    match = _VIEWBOX.search(text)
    width, height = (int(float(v)) + 1 for v in match.groups()) if match else (1200, 800)
    with tempfile.TemporaryDirectory() as tmp:
        local = Path(tmp) / "shot.svg"
        local.write_text(text, encoding="utf-8")
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                f"--user-data-dir={tmp}/profile",
                "--hide-scrollbars",
                f"--window-size={width},{height}",
                f"--screenshot={png}",
                local.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )


def main() -> int:
    browser = chromium()
    OUT.mkdir(parents=True, exist_ok=True)
    for name, snapshot in SHOTS.items():
        render(SNAPSHOTS / snapshot, OUT / name, browser)
        print(OUT / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
