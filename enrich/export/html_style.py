"""The stylesheet of the HTML export: displaCy-like marks, a margin column, popup cards.

Kept apart from the markup so each file does one thing. Colours follow
displaCy's palette in light mode and darker tints under
``prefers-color-scheme: dark``. Cards pop up on hover (``:has``) and on click
(``:target``): no script, so the page's CSP can forbid scripts entirely.
"""

from __future__ import annotations

CSS = """
:root {
  color-scheme: light dark;
  --bg: #fdfdfb; --fg: #1d1d1f; --muted: #6b6b70; --line: #d9d9de; --card: #ffffff;
  --bm: #fff3a8; --bm-line: #d8b600; --link: #1a5fb4;
  --PER: #aa9cfc; --ORG: #7aecec; --LOC: #feca74; --MISC: #e4e7d2; --TERM: #bfe1d9;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #17171a; --fg: #e8e8ea; --muted: #a0a0a8; --line: #3a3a40; --card: #222227;
    --bm: #5c4f00; --bm-line: #c9a800; --link: #8ab4f8;
    --PER: #4b3f9a; --ORG: #1f6e6e; --LOC: #8a5a14; --MISC: #545845; --TERM: #2f5d52;
  }
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); }
body {
  margin: 0 auto; max-width: 72rem; padding: 1.5rem;
  font: 1.05rem/1.7 Georgia, "Times New Roman", serif;
}
a { color: var(--link); }
h1, h2, h3, .meta, .legend, .margin, .card, .lab, .tag {
  font-family: system-ui, -apple-system, "Segoe UI", sans-serif;
}
h1 { line-height: 1.25; margin-bottom: .25rem; }
.meta { color: var(--muted); font-size: .85rem; margin-top: 0; }
.legend ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem 1rem; }
.legend li { font-size: .85rem; }
.row {
  display: grid; grid-template-columns: minmax(0, 44rem) minmax(12rem, 18rem);
  gap: 2rem; align-items: start;
}
.row > p { margin: 0 0 1.1rem; white-space: pre-line; }
.margin { font-size: .82rem; line-height: 1.45; color: var(--muted); }
.margin .note { border-left: 3px solid var(--line); padding-left: .6rem; margin-bottom: .8rem; }
.margin .note.bmnote { border-left-color: var(--bm-line); }
.pre { white-space: pre-line; margin: .25rem 0; color: var(--fg); }
@media (max-width: 50rem) {
  .row { grid-template-columns: minmax(0, 1fr); gap: 0; }
  .margin { margin: -.4rem 0 1rem 1rem; }
}
mark.ent {
  background: var(--MISC); color: inherit; padding: .1em .3em; margin: 0 .1em;
  border-radius: .35em; line-height: 1; box-decoration-break: clone;
  -webkit-box-decoration-break: clone;
}
mark.ent a { color: inherit; text-decoration: none; }
mark.ent.rel { background: transparent; outline: 2px dashed var(--MISC); outline-offset: -1px; }
.lab, .tag {
  font-size: .62em; font-weight: 700; letter-spacing: .03em; text-transform: uppercase;
  vertical-align: middle; margin-left: .4em; line-height: 1;
}
.tag { margin-left: 0; padding: .15em .4em; border-radius: .3em; background: var(--MISC); }
.l-PER { --c: var(--PER); } .l-ORG { --c: var(--ORG); } .l-LOC { --c: var(--LOC); }
.l-MISC { --c: var(--MISC); } .l-TERM { --c: var(--TERM); }
mark.ent[class*="l-"], .tag[class*="l-"] { background: var(--c); }
mark.ent.rel[class*="l-"] { background: transparent; outline-color: var(--c); }
.bm { background: var(--bm); box-shadow: 0 2px 0 var(--bm-line); }
mark.ent .bm { background: transparent; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr)); gap: 1rem; }
.card {
  background: var(--card); border: 1px solid var(--line); border-radius: .5rem;
  padding: .8rem 1rem; font-size: .88rem; line-height: 1.5;
}
.card h3 { margin: 0 0 .3rem; font-size: 1rem; }
.card .close { display: none; float: right; text-decoration: none; font-weight: 700; }
.card .sub { color: var(--muted); margin: 0 0 .4rem; }
.card dl { margin: .4rem 0 0; } .card dt { font-weight: 700; } .card dd { margin: 0 0 .4rem; }
.card:target {
  position: fixed; right: 1rem; bottom: 1rem; z-index: 10; width: min(26rem, calc(100vw - 2rem));
  max-height: 70vh; overflow: auto; box-shadow: 0 .5rem 2rem rgb(0 0 0 / .35);
}
.card:target .close { display: inline; }
blockquote { margin: .4rem 0; padding-left: .8rem; border-left: 3px solid var(--bm-line); }
footer { color: var(--muted); font-size: .8rem; margin-top: 2rem; }
@media print { .card:target { position: static; box-shadow: none; } }
"""


def hover_rules(anchors: list[str]) -> str:
    """One rule per entity: hovering any of its mentions pops its card up.

    ``anchors`` are generated ids (``e1``, ``e2``...), never text from the session.
    """
    if not anchors:
        return ""
    selectors = ",\n".join(f"body:has(.m-{a}:hover) #{a}" for a in anchors)
    return (
        "@media (hover: hover) {\n"
        f"{selectors} {{\n"
        "  position: fixed; right: 1rem; bottom: 1rem; z-index: 11;"
        " width: min(26rem, calc(100vw - 2rem));\n"
        "  max-height: 70vh; overflow: auto; box-shadow: 0 .5rem 2rem rgb(0 0 0 / .35);\n"
        "}\n}\n"
    )
