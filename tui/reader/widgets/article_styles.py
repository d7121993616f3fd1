"""Highlight styles of the article view: component classes, their CSS, the legend.

Label colours are ``$kontext-per`` … ``$kontext-term``, the theme's palette
(``tui.reader.palette``: readable on the article and apart from each other in
every theme; the App recomputes them on a theme switch). Under ``NO_COLOR``
Textual sets the ``:nocolor`` pseudo-class and strips colour from the output,
so every label also gets its
own text style there (bold, underline, italic, bold italic, italic underline):
the meaning must survive without colour.
"""

from __future__ import annotations

from rich.style import Style

from enrich.model import Label

LABEL_CLASSES = {
    Label.PER: "article-view--per",
    Label.ORG: "article-view--org",
    Label.LOC: "article-view--loc",
    Label.MISC: "article-view--misc",
    Label.TERM: "article-view--term",
}

LABEL_CLASS_NAMES = tuple(LABEL_CLASSES.values())
CURRENT = "article-view--current"  # the current mention
SAME = "article-view--same"  # other mentions of the current entity
RELATED = "article-view--related"  # derived forms ("russischen" for Russland)
BOOKMARK = "article-view--bookmark"  # a bookmarked passage, quietly
BOOKMARK_MARK = "article-view--bookmark-mark"  # the bar left of its lines
MATCH = "article-view--match"  # a search match
MATCH_CURRENT = "article-view--match-current"  # the search match n/N is on
SELECTION = "article-view--selection"  # the keyboard selection (v)
RULE = "article-view--rule"  # a mention a personal rule added or relabelled (toggle R)
KNOWN = "article-view--known"  # an entity met in an earlier article: quieter than a new one

COMPONENT_CLASSES = {
    *LABEL_CLASSES.values(),
    CURRENT,
    SAME,
    RELATED,
    BOOKMARK,
    BOOKMARK_MARK,
    MATCH,
    MATCH_CURRENT,
    SELECTION,
    KNOWN,
    RULE,
}

CSS = """
ArticleView {
    background: $surface;
    scrollbar-gutter: stable;
}
ArticleView > .article-view--per { color: $kontext-per; text-style: bold; }
ArticleView > .article-view--org { color: $kontext-org; text-style: bold; }
ArticleView > .article-view--loc { color: $kontext-loc; text-style: bold; }
ArticleView > .article-view--misc { color: $kontext-misc; text-style: bold; }
ArticleView > .article-view--term { color: $kontext-term; text-style: bold; }
ArticleView > .article-view--current { text-style: bold reverse; }
ArticleView > .article-view--same { text-style: bold underline; }
ArticleView > .article-view--related { text-style: italic; }
ArticleView > .article-view--bookmark { background: $primary 18%; }
ArticleView > .article-view--bookmark-mark { color: $primary; }
ArticleView > .article-view--match { background: $warning 35%; }
ArticleView > .article-view--match-current {
    background: $warning;
    color: auto 90%;
    text-style: bold;
}
ArticleView > .article-view--selection { background: $primary; color: auto 90%; }
ArticleView > .article-view--known { text-style: dim; }
ArticleView > .article-view--rule { background: $accent 40%; text-style: bold underline; }

ArticleView:nocolor > .article-view--per { text-style: bold; }
ArticleView:nocolor > .article-view--org { text-style: underline; }
ArticleView:nocolor > .article-view--loc { text-style: italic; }
ArticleView:nocolor > .article-view--misc { text-style: bold italic; }
ArticleView:nocolor > .article-view--term { text-style: italic underline; }
ArticleView:nocolor > .article-view--related { text-style: dim italic; }
ArticleView:nocolor > .article-view--bookmark-mark { text-style: bold; }
ArticleView:nocolor > .article-view--match { text-style: reverse; }
ArticleView:nocolor > .article-view--match-current { text-style: reverse bold underline; }
ArticleView:nocolor > .article-view--selection { text-style: reverse italic; }
ArticleView:nocolor > .article-view--known { text-style: dim; }
ArticleView:nocolor > .article-view--rule { text-style: reverse underline; }
"""

_FLAGS = ("bold", "dim", "italic", "underline", "overline", "reverse", "strike")


def text_style_words(style: Style) -> str:
    """ "bold italic": the non-colour part of a style, for the legend under NO_COLOR."""
    return " ".join(flag for flag in _FLAGS if getattr(style, flag))
