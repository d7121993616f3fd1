"""load_article: every source kind, every way a source can be wrong."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from enrich.errors import KontextError, SourceError
from enrich.loaders import load_article
from enrich.model import Article
from tests.loopback_http import LoopbackServer, unused_port

GERMAN_1 = "Im Hafen von Kiel legten im vergangenen Jahr mehr Fähren an als je zuvor."
GERMAN_2 = "Die Bürgermeisterin sagte am Dienstag, der Bau des neuen Anlegers beginne im Frühjahr."
GERMAN_3 = "Anwohner befürchten mehr Verkehr in den engen Straßen rund um den Kai."
ENGLISH_1 = "More ferries called at the port of Kiel last year than ever before."
ENGLISH_2 = "On Tuesday the mayor said that work on the new pier would start in spring."


def write(directory: Path, name: str, content: str | bytes) -> str:
    path = directory / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return str(path)


def source_error(load: Callable[[], object]) -> str:
    """Run ``load``, expect a SourceError, and return its (single-line) message."""
    with pytest.raises(SourceError) as caught:
        load()
    message = str(caught.value)
    assert message
    assert "\n" not in message
    return message


def assert_offsets_index_text(article: Article) -> None:
    assert article.paragraphs, "an article has at least one paragraph"
    previous_end = 0
    for paragraph in article.paragraphs:
        chunk = article.text[paragraph.start : paragraph.end]
        assert chunk, "no empty paragraphs"
        assert chunk == chunk.strip(), "ranges exclude surrounding whitespace"
        assert paragraph.start >= previous_end, "paragraphs are in order and disjoint"
        previous_end = paragraph.end
    covered = "".join(article.paragraph_texts())
    assert "".join(covered.split()) == "".join(article.text.split()), "no text outside paragraphs"


# --- plain text ---------------------------------------------------------------


def test_plain_text_blank_lines_separate_paragraphs_and_text_is_kept_verbatim(
    tmp_path: Path,
) -> None:
    content = f"Neuer Anleger für Kiel\n\n{GERMAN_1}\n{GERMAN_2}\n\n\n   {GERMAN_3}   \n"
    article = load_article(write(tmp_path, "hafen.txt", content))
    assert article.text == content  # not re-wrapped, not stripped
    assert article.paragraph_texts() == [
        "Neuer Anleger für Kiel",
        f"{GERMAN_1}\n{GERMAN_2}",
        GERMAN_3,
    ]
    assert_offsets_index_text(article)


def test_plain_text_without_blank_lines_has_one_paragraph_per_line(tmp_path: Path) -> None:
    content = f"{GERMAN_1}\n  {GERMAN_2}\t\n{GERMAN_3}\n\n"  # a trailing blank line is no separator
    article = load_article(write(tmp_path, "zeilen.txt", content))
    assert article.paragraph_texts() == [GERMAN_1, GERMAN_2, GERMAN_3]
    assert_offsets_index_text(article)


def test_whitespace_only_line_counts_as_blank_line(tmp_path: Path) -> None:
    content = f"{GERMAN_1}\n{GERMAN_2}\n \t \n{GERMAN_3}"
    article = load_article(write(tmp_path, "absatz.txt", content))
    assert article.paragraph_texts() == [f"{GERMAN_1}\n{GERMAN_2}", GERMAN_3]


def test_windows_line_ends_are_normalised(tmp_path: Path) -> None:
    content = f"{ENGLISH_1}\r\n\r\n{ENGLISH_2}\r\n"
    article = load_article(write(tmp_path, "crlf.txt", content))
    assert "\r" not in article.text
    assert article.paragraph_texts() == [ENGLISH_1, ENGLISH_2]
    assert_offsets_index_text(article)


def test_terminal_escapes_in_a_file_are_removed(tmp_path: Path) -> None:
    content = (
        f"\x1b]0;pwned\x07\x1b[31m{GERMAN_1}\x1b[0m\n\n\x9b2J{GERMAN_2}\x1b]8;;http://x\x1b\\\n"
    )
    article = load_article(write(tmp_path, "ansi.txt", content))
    assert article.paragraph_texts() == [GERMAN_1, GERMAN_2]
    assert "\x1b" not in article.text
    assert "\x9b" not in article.text
    assert_offsets_index_text(article)


def test_decomposed_text_is_composed(tmp_path: Path) -> None:
    content = "Die Bu\u0308rgermeisterin von Ko\u0308ln sagte am Dienstag, sie sei zufrieden."
    article = load_article(write(tmp_path, "nfd.txt", content))
    assert "Bürgermeisterin von Köln" in article.text
    assert "\u0308" not in article.text
    assert_offsets_index_text(article)


def test_paragraph_offsets_survive_messy_input(tmp_path: Path) -> None:
    content = (
        "\ufeff  \r\n\tÜberschrift ohne Punkt\t\r\n\r\n"
        f"{GERMAN_1}\n   \n\n{GERMAN_2} \u00a0\n\u00a0\n{ENGLISH_1}\x1b[0m\n \n"
    )
    article = load_article(write(tmp_path, "wirr.txt", content))
    assert_offsets_index_text(article)
    assert article.paragraph_texts()[0] == "Überschrift ohne Punkt"


# --- titles -----------------------------------------------------------------------


def test_short_first_line_without_sentence_end_is_the_title(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, "x.txt", f"Neuer Anleger für Kiel\n\n{GERMAN_1}"))
    assert article.title == "Neuer Anleger für Kiel"


@pytest.mark.parametrize(
    "first",
    [
        GERMAN_1,  # ends with a period
        "Kommt der Anleger?",
        "Die Bürgermeisterin sagte:",
        "„Wir bauen.“",  # closing quote after the period
        "Wir bauen!'",
        "Ein sehr langer erster Absatz ohne Satzzeichen am Ende " * 3,  # over 120 characters
    ],
)
def test_first_paragraph_that_reads_like_text_is_not_the_title(tmp_path: Path, first: str) -> None:
    article = load_article(write(tmp_path, "hafen-kiel.txt", f"{first}\n\n{GERMAN_2}"))
    assert article.title == "hafen-kiel"


@pytest.mark.parametrize(
    "before",
    [
        "Von Maria Beispiel",
        "Von Maria Beispiel\n\nBerlin, 3. März (dpa) –",
        "By Jane Doe\nUpdated 5 min ago",
        "Stand: 03.03.2025, 14:05 Uhr",
        "Ein Kommentar von Ursula von der Leyen",
    ],
)
def test_bylines_and_datelines_before_the_headline_are_skipped(tmp_path: Path, before: str) -> None:
    text = f"{before}\n\nNeuer Anleger für Kiel\n\n{GERMAN_1}"
    article = load_article(write(tmp_path, "x.txt", text))
    assert article.title == "Neuer Anleger für Kiel"


@pytest.mark.parametrize("first", ["Von Maria Beispiel", "Berlin, 3. März (dpa) –"])
def test_a_byline_alone_is_never_the_title(tmp_path: Path, first: str) -> None:
    article = load_article(write(tmp_path, "bericht.txt", f"{first}\n\n{GERMAN_1}"))
    assert article.title == "bericht"


def test_a_headline_starting_like_a_byline_is_still_the_title(tmp_path: Path) -> None:
    text = f"Von der Leyen warnt vor Krieg\n\n{GERMAN_1}"
    assert load_article(write(tmp_path, "x.txt", text)).title == "Von der Leyen warnt vor Krieg"


def test_multi_line_first_block_is_not_the_title(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, "bericht.txt", f"Kiel\nOstsee\n\n{GERMAN_1}"))
    assert article.title == "bericht"


# --- language ---------------------------------------------------------------------


def test_language_is_detected_for_german_and_english(tmp_path: Path) -> None:
    german = load_article(write(tmp_path, "de.txt", f"{GERMAN_1}\n\n{GERMAN_2}"))
    english = load_article(write(tmp_path, "en.txt", f"{ENGLISH_1}\n\n{ENGLISH_2}"))
    assert (german.language, english.language) == ("de", "en")


def test_lang_override_wins_over_detection(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, "de.txt", GERMAN_1), lang=" EN ")
    assert article.language == "en"


@pytest.mark.parametrize("bad", ["", "d", "deutsch", "d3", "de-DE"])
def test_malformed_lang_is_a_kontext_error_naming_the_code(tmp_path: Path, bad: str) -> None:
    path = write(tmp_path, "de.txt", GERMAN_1)
    with pytest.raises(KontextError) as caught:
        load_article(path, lang=bad)
    assert not isinstance(caught.value, SourceError)
    assert f"'{bad}'" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_text_without_letters_has_no_readable_text(tmp_path: Path) -> None:
    path = write(tmp_path, "zahlen.txt", "2024 17:30 – 42 %\n\n+49 431 000000\n")
    assert source_error(lambda: load_article(path)) == f"'{path}' has no readable text" + (
        " (no letters in any language)"
    )


# --- decoding ---------------------------------------------------------------------


def test_utf8_file_loads_without_warnings(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, "utf8.txt", GERMAN_2))
    assert article.text == GERMAN_2
    assert article.warnings == ()


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32"])
def test_byte_order_mark_decides_the_encoding(tmp_path: Path, codec: str) -> None:
    data = f"{GERMAN_1}\n\n{GERMAN_2}".encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    article = load_article(write(tmp_path, "bom.txt", data))
    assert article.text == f"{GERMAN_1}\n\n{GERMAN_2}"  # BOM gone, no NUL complaint
    assert article.paragraph_texts() == [GERMAN_1, GERMAN_2]
    assert article.warnings == ()


def test_windows_1252_text_is_guessed_with_a_warning(tmp_path: Path) -> None:
    text = f"„Größere Fähren“ – {GERMAN_3}"
    path = write(tmp_path, "alt.txt", text.encode("cp1252"))
    article = load_article(path)
    assert article.text == text
    assert article.warnings == (f"'{path}' is not UTF-8; decoded as cp1252 (guessed)",)


def test_short_latin1_word_is_not_garbled_by_the_guess(tmp_path: Path) -> None:
    path = write(tmp_path, "gruss.txt", "Grüße aus Köln".encode("latin-1"))
    assert load_article(path).text == "Grüße aus Köln"


def test_undecodable_bytes_fall_back_to_latin1_with_a_warning(tmp_path: Path) -> None:
    # Bytes undefined in windows-1252 defeat every guess; latin-1 still reads the letters.
    path = write(tmp_path, "kaputt.txt", b"Gr\xf6\xdfe \xfcber alles\x81\x8d\x8f\x90\x9d")
    article = load_article(path)
    assert article.text == "Größe über alles"  # the C1 bytes are dropped as controls
    assert len(article.warnings) == 1
    assert article.warnings[0].startswith(f"'{path}' is not UTF-8")
    assert article.warnings[0].endswith("decoded as latin-1")


def test_nul_bytes_mean_binary(tmp_path: Path) -> None:
    path = write(tmp_path, "bild.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    assert source_error(lambda: load_article(path)) == (
        f"'{path}' looks like a binary file (NUL bytes); give a text, Markdown or HTML file"
    )


# --- broken or odd files -------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    path = write(tmp_path, "leer.txt", b"")
    assert source_error(lambda: load_article(path)) == f"'{path}' is empty"


@pytest.mark.parametrize("content", [" \n\t\n\r\n", "\x1b[0m\x1b]0;x\x07\n\x07"])
def test_whitespace_or_escapes_only_is_empty(tmp_path: Path, content: str) -> None:
    path = write(tmp_path, "blank.txt", content)
    assert source_error(lambda: load_article(path)).startswith(f"'{path}' is empty")


def test_missing_file(tmp_path: Path) -> None:
    path = str(tmp_path / "gibt-es-nicht.txt")
    assert source_error(lambda: load_article(path)) == f"cannot read '{path}': no such file"


def test_path_through_a_file(tmp_path: Path) -> None:
    path = write(tmp_path, "datei.txt", GERMAN_1) + "/kapitel.txt"
    assert source_error(lambda: load_article(path)).startswith(f"cannot read '{path}'")


def test_directory(tmp_path: Path) -> None:
    assert source_error(lambda: load_article(str(tmp_path))) == (
        f"'{tmp_path}' is a directory, not an article"
    )


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read anything")
def test_permission_denied(tmp_path: Path) -> None:
    path = write(tmp_path, "geheim.txt", GERMAN_1)
    os.chmod(path, 0)
    assert source_error(lambda: load_article(path)) == f"cannot read '{path}': permission denied"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.timeout(10)
def test_named_pipe_is_rejected_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "rohr"
    os.mkfifo(fifo)
    started = time.monotonic()
    message = source_error(lambda: load_article(str(fifo)))
    assert time.monotonic() - started < 2
    assert message.startswith(f"'{fifo}' is not a regular file (a named pipe)")
    assert "'-'" in message  # tells the user how to read piped text instead


def test_file_over_the_size_cap(tmp_path: Path) -> None:
    path = write(tmp_path, "gross.txt", (GERMAN_1 + "\n") * 100)
    message = source_error(lambda: load_article(path, max_bytes=1024))
    assert message.startswith(f"'{path}' is too large (")
    assert "the limit is 1 KB" in message


def test_source_is_the_path_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "relativ.txt", GERMAN_1)
    monkeypatch.chdir(tmp_path)
    assert load_article("relativ.txt").source == "relativ.txt"


# --- Markdown ----------------------------------------------------------------------

MARKDOWN = f"""\
## Aus der Region

# Der *Hafen* von [Kiel](https://example.invalid/kiel) wächst

{GERMAN_1}
Zweite Zeile mit **fettem** Text, `Code` und <span>eingebettetem</span> HTML.

![Fähre am Kai](faehre.png)

- Erster Punkt
- Zweiter Punkt

1. Schritt eins
2. Schritt zwei

> {GERMAN_2}

```
print("Fahrplan")
```

<div>Ein HTML-Block</div>
"""


def test_markdown_becomes_plain_paragraphs(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, "hafen.md", MARKDOWN))
    assert article.paragraph_texts() == [
        "Aus der Region",
        "Der Hafen von Kiel wächst",
        f"{GERMAN_1} Zweite Zeile mit fettem Text, Code und eingebettetem HTML.",
        "Fähre am Kai",
        "- Erster Punkt",
        "- Zweiter Punkt",
        "1. Schritt eins",
        "2. Schritt zwei",
        GERMAN_2,
        'print("Fahrplan")',
    ]
    assert article.text == "\n\n".join(article.paragraph_texts())
    assert "*" not in article.text and "](" not in article.text and "<" not in article.text
    assert_offsets_index_text(article)


def test_markdown_title_is_the_first_h1_even_after_an_h2(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, "hafen.md", MARKDOWN))
    assert article.title == "Der Hafen von Kiel wächst"
    assert article.language == "de"


def test_markdown_title_falls_back_to_any_heading(tmp_path: Path) -> None:
    article = load_article(
        write(tmp_path, "x.markdown", f"{GERMAN_1}\n\n### Ausblick\n\n{GERMAN_2}")
    )
    assert article.title == "Ausblick"


def test_markdown_without_heading_uses_the_first_line_rule(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, "notiz.md", f"{GERMAN_1}\n\n{GERMAN_2}"))
    assert article.title == "notiz"


def test_markdown_with_only_html_has_no_article_text(tmp_path: Path) -> None:
    path = write(tmp_path, "leer.md", "<div>\n<img src='a.png'>\n</div>\n")
    assert source_error(lambda: load_article(path)) == f"no article text found in '{path}'"


# --- HTML ----------------------------------------------------------------------------

HTML_PAGE = f"""<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8">
<title>Neuer Anleger für Kiel | Nordblatt</title>
<script>document.title = "{ENGLISH_1}";</script>
<style>p {{ color: red; }}</style></head>
<body>
<nav><ul><li><a href="/">Startseite</a></li><li><a href="/politik">Politik</a></li></ul></nav>
<article>
<h1>Neuer Anleger für Kiel</h1>
<p>{GERMAN_1}</p>
<p>{GERMAN_2} <a href="/mehr">Mehr</a> dazu später.</p>
<p>{GERMAN_3}</p>
</article>
<footer>Impressum · Datenschutz</footer>
</body></html>
"""


def test_html_file_yields_main_text_and_title(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, "seite.html", HTML_PAGE))
    assert article.title.startswith("Neuer Anleger für Kiel")
    texts = article.paragraph_texts()
    assert GERMAN_1 in texts
    assert f"{GERMAN_2} Mehr dazu später." in texts
    assert GERMAN_3 in texts
    for boilerplate in ("document.title", "color: red", "Impressum", "Startseite"):
        assert boilerplate not in article.text
    assert article.text == "\n\n".join(texts)
    assert article.language == "de"
    assert_offsets_index_text(article)


def test_html_meta_charset_is_honoured(tmp_path: Path) -> None:
    page = HTML_PAGE.replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">')
    article = load_article(write(tmp_path, "alt.html", page.encode("latin-1", errors="replace")))
    assert GERMAN_1 in article.paragraph_texts()
    assert article.warnings == ()


def test_html_fragment_that_trafilatura_rejects_still_loads(tmp_path: Path) -> None:
    path = write(tmp_path, "schnipsel.htm", f"<p>{ENGLISH_1}</p>")
    article = load_article(path)
    assert article.paragraph_texts() == [ENGLISH_1]
    assert article.title == "schnipsel"


def test_html_entities_and_escapes_end_up_literal_and_safe(tmp_path: Path) -> None:
    page = HTML_PAGE.replace(GERMAN_3, "Kai &amp; Hafen &#150; &#27;[31m rot &lt;b&gt;")
    article = load_article(write(tmp_path, "entity.html", page))
    assert "Kai & Hafen – [31m rot <b>" in article.text  # &#150; means windows-1252 –
    assert "\x1b" not in article.text


def test_html_without_text(tmp_path: Path) -> None:
    path = write(
        tmp_path, "leer.html", "<html><head><title>Nichts</title></head><body></body></html>"
    )
    assert source_error(lambda: load_article(path)) == f"no article text found in '{path}'"


# --- stdin ---------------------------------------------------------------------------


def test_stdin_plain_text() -> None:
    data = f"{ENGLISH_1}\n\n{ENGLISH_2}\n".encode()
    article = load_article("-", stdin=io.BytesIO(data))
    assert article.source == "stdin"
    assert article.title == "stdin"
    assert article.language == "en"
    assert article.paragraph_texts() == [ENGLISH_1, ENGLISH_2]


def test_stdin_html_is_recognised() -> None:
    article = load_article("-", stdin=io.BytesIO(HTML_PAGE.encode()))
    assert GERMAN_1 in article.paragraph_texts()
    assert "<p>" not in article.text


def test_stdin_utf16_with_bom() -> None:
    article = load_article("-", stdin=io.BytesIO(f"{GERMAN_1}\n".encode("utf-16")))
    assert article.paragraph_texts() == [GERMAN_1]


def test_empty_stdin() -> None:
    assert source_error(lambda: load_article("-", stdin=io.BytesIO(b""))) == "stdin is empty"


def test_stdin_over_the_size_cap() -> None:
    stream = io.BytesIO(b"a" * 5000)
    assert "too large" in source_error(lambda: load_article("-", stdin=stream, max_bytes=100))


# --- URLs ----------------------------------------------------------------------------


def test_url_html_page(loopback_http: LoopbackServer) -> None:
    url = loopback_http.add("/artikel/anleger", HTML_PAGE, content_type="text/html; charset=utf-8")
    article = load_article(url)
    assert article.source == url
    assert article.title.startswith("Neuer Anleger für Kiel")
    assert GERMAN_1 in article.paragraph_texts()
    assert_offsets_index_text(article)
    user_agent = loopback_http.requests[0].headers["User-Agent"]
    assert user_agent.startswith("Kontext/")
    assert "https://github.com/kontext-reader/kontext" in user_agent


def test_url_plain_text_uses_the_declared_charset(loopback_http: LoopbackServer) -> None:
    body = f"{GERMAN_1}\n\n{GERMAN_3}\n".encode("latin-1")
    url = loopback_http.add(
        "/nachrichten/hafen-kiel.txt", body, content_type="text/plain; charset=ISO-8859-1"
    )
    article = load_article(url)
    assert article.paragraph_texts() == [GERMAN_1, GERMAN_3]
    assert article.warnings == ()
    assert article.title == "hafen-kiel"  # last path segment, as no line reads like a title


def test_url_valid_utf8_wins_over_a_wrong_latin1_label(loopback_http: LoopbackServer) -> None:
    # Old servers label every text ISO-8859-1; reading UTF-8 as such garbles umlauts.
    url = loopback_http.add("/utf8", GERMAN_1, content_type="text/plain; charset=ISO-8859-1")
    article = load_article(url)
    assert article.text == GERMAN_1
    assert article.warnings == ()


@pytest.mark.parametrize("charset", ["zlib", "base64", "no-such-charset"])
def test_url_bogus_charset_label_is_ignored(loopback_http: LoopbackServer, charset: str) -> None:
    body = GERMAN_3.encode("cp1252")
    url = loopback_http.add("/etikett", body, content_type=f"text/plain; charset={charset}")
    article = load_article(url)
    assert article.text == GERMAN_3
    assert "guessed" in article.warnings[-1]


def test_url_markdown_by_content_type(loopback_http: LoopbackServer) -> None:
    url = loopback_http.add("/x", f"# Fähren\n\n*{GERMAN_1}*", content_type="text/markdown")
    article = load_article(url)
    assert article.title == "Fähren"
    assert article.paragraph_texts() == ["Fähren", GERMAN_1]


def test_url_markdown_by_path_suffix(loopback_http: LoopbackServer) -> None:
    url = loopback_http.add(
        "/notizen/kiel.md", f"# Fähren\n\n{GERMAN_1}", content_type="text/plain"
    )
    assert load_article(url).paragraph_texts() == ["Fähren", GERMAN_1]


def test_url_title_falls_back_to_the_host(loopback_http: LoopbackServer) -> None:
    url = loopback_http.add("/", GERMAN_1, content_type="text/plain")
    assert load_article(url).title == "127.0.0.1"


def test_url_redirects_are_followed(loopback_http: LoopbackServer) -> None:
    target = loopback_http.add("/ziel", GERMAN_1, content_type="text/plain")
    start = loopback_http.redirect("/start", target, status=301)
    article = load_article(start)
    assert article.text == GERMAN_1
    assert article.source == start


def test_url_http_error(loopback_http: LoopbackServer) -> None:
    url = loopback_http.url("/fehlt")
    assert source_error(lambda: load_article(url)) == f"cannot fetch '{url}': HTTP 404 Not Found"


@pytest.mark.parametrize("location", ["file:///etc/passwd", "file:/etc/passwd", "ftp://x/y"])
def test_url_redirect_to_another_scheme_is_refused(
    loopback_http: LoopbackServer, location: str
) -> None:
    url = loopback_http.redirect("/falle", location)
    message = source_error(lambda: load_article(url))
    assert message.startswith(f"cannot fetch '{url}': it redirects to '{location}'")
    assert "only http:// and https://" in message


def test_invalid_url() -> None:
    assert (
        source_error(lambda: load_article("http://"))
        == "invalid URL 'http://': it has no host name"
    )


def test_url_redirect_loop_stops(loopback_http: LoopbackServer) -> None:
    loopback_http.redirect("/a", loopback_http.url("/b"))
    url = loopback_http.redirect("/b", loopback_http.url("/a"))
    assert "too many redirects" in source_error(lambda: load_article(url))


@pytest.mark.parametrize("send_length", [True, False])
def test_url_body_over_the_size_cap(loopback_http: LoopbackServer, send_length: bool) -> None:
    url = loopback_http.add(
        "/gross", (GERMAN_1 + "\n") * 2000, content_type="text/plain", send_length=send_length
    )
    message = source_error(lambda: load_article(url, max_bytes=4096))
    assert message == f"cannot fetch '{url}': body larger than 4 KB"


def test_url_slow_server_times_out(loopback_http: LoopbackServer) -> None:
    url = loopback_http.add("/langsam", GERMAN_1, content_type="text/plain", delay=5)
    started = time.monotonic()
    message = source_error(lambda: load_article(url, timeout=0.5))
    assert time.monotonic() - started < 3
    assert message == f"cannot fetch '{url}': timed out after 0.5 s"


def test_url_connection_refused() -> None:
    url = f"http://127.0.0.1:{unused_port()}/artikel"
    assert source_error(lambda: load_article(url, timeout=2)) == (
        f"cannot fetch '{url}': connection refused"
    )


def test_url_image_is_not_an_article(loopback_http: LoopbackServer) -> None:
    url = loopback_http.add("/bild", b"GIF89a", content_type="image/gif")
    assert "image/gif" in source_error(lambda: load_article(url))


@pytest.mark.parametrize("url", ["ftp://example.invalid/artikel.txt", "FILE:///etc/passwd"])
def test_unsupported_url_scheme(url: str) -> None:
    scheme = url.split(":", 1)[0].lower()
    assert source_error(lambda: load_article(url)) == (
        f"unsupported URL scheme '{scheme}' in '{url}'; use http:// or https://"
    )


def test_importing_the_loaders_stays_light() -> None:
    # The CLI imports these before it knows whether it will load a URL or run NLP.
    code = (
        "import sys, enrich.loaders, enrich.language, enrich.text_clean; "
        "heavy = {'spacy', 'textual', 'httpx', 'trafilatura', 'lxml', 'py3langid'}; "
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))"
    )
    repo = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=repo, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
