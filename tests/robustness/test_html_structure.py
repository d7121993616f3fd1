"""HTML that nests past the parser's limits, and <template> content (issue 13, item 7).

libxml2 drops everything below 256 levels unless asked for ``huge_tree``, and
stops for good at 2,048. The article keeps its text in both cases; past 2,048
levels it is read as flat visible text and the article's warnings say so.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from enrich import load_article
from tests.robustness.peak import RSS_LIMIT_MB, measured

FIRST = "Angela Merkel sprach in Berlin über die Lage in Europa und die Zukunft der Union."
DEEP = "Tief verschachtelt: Olaf Scholz traf Emmanuel Macron in Paris zu langen Gesprächen."
LAST = "Am Ende reiste Jens Stoltenberg nach Brüssel zurück, wo die NATO tagte."


def _page(depth: int, inner: str = "") -> str:
    return (
        "<html><head><title>Gipfel</title><script>var geheim = 1;</script></head><body>"
        f"<p>{FIRST}</p>" + "<div>" * depth + f"{inner}<p>{DEEP}</p>" + "</div>" * depth
        + f"<p>{LAST}</p></body></html>"
    )  # fmt: skip


def _write(tmp_path: Path, html: str) -> Path:
    path = tmp_path / "seite.html"
    path.write_text(html, encoding="utf-8")
    return path


@pytest.mark.parametrize("depth", [300, 1_000])
def test_nesting_past_256_levels_keeps_the_text(tmp_path: Path, depth: int) -> None:
    article = load_article(str(_write(tmp_path, _page(depth))))
    for sentence in (FIRST, DEEP, LAST):
        assert sentence in article.text
    assert article.warnings == ()
    assert article.title == "Gipfel"


@pytest.mark.parametrize("depth", [3_000, 100_000])
def test_nesting_past_the_parsers_limit_warns_and_keeps_the_text(
    tmp_path: Path, depth: int
) -> None:
    article = load_article(str(_write(tmp_path, _page(depth, "<template>GEHEIM</template>"))))
    for sentence in (FIRST, DEEP, LAST):
        assert sentence in article.text
    assert "geheim" not in article.text.lower()  # scripts and templates stay hidden
    (warning,) = article.warnings
    assert "nested more than 2,048 levels deep" in warning
    assert article.title == "Gipfel"


def test_template_content_is_not_in_the_article(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Gipfel</title></head><body><article>"
        f"<p>{FIRST}</p><template><p>GEHEIMER Vorlagentext, lang genug für einen eigenen "
        "Absatz in einem Artikel.</p></template>"
        f"<p>{LAST}</p></article></body></html>"
    )
    article = load_article(str(_write(tmp_path, html)))
    assert FIRST in article.text and LAST in article.text
    assert "GEHEIM" not in article.text


_LOAD = """
import sys
from enrich import load_article
article = load_article(sys.argv[1])
print(len(article.text), article.warnings)
"""


def test_peak_memory_of_html_nested_100000_deep(tmp_path: Path) -> None:
    """Figures for docs/robustness.md: loading the page in a fresh process."""
    path = _write(tmp_path, _page(100_000))
    run = measured([sys.executable, "-c", _LOAD, str(path)], timeout=300)
    print(f"HTML nested 100,000 deep: {run.seconds:.2f} s, {run.peak_mb:.0f} MB")
    assert run.returncode == 0, run.stderr[-2000:]
    assert "2,048 levels" in run.stdout
    assert run.peak_mb < RSS_LIMIT_MB
