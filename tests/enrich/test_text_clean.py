"""clean_text: what reaches the terminal must be literal text, never a command."""

from __future__ import annotations

import time
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from enrich.text_clean import clean_text

ALLOWED_CONTROLS = {"\n", "\t"}


def has_unsafe_control(text: str) -> bool:
    return any(
        (ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F) and ch not in ALLOWED_CONTROLS for ch in text
    )


def test_windows_and_old_mac_line_ends_become_newlines() -> None:
    assert clean_text("Erste Zeile\r\nZweite Zeile\rDritte Zeile\n") == (
        "Erste Zeile\nZweite Zeile\nDritte Zeile\n"
    )


def test_crlf_pair_is_one_newline_not_two() -> None:
    assert clean_text("a\r\n\r\nb") == "a\n\nb"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\x1b[1;31mAchtung\x1b[0m, Hochwasser!", "Achtung, Hochwasser!"),
        ("Fort\x1b[2J\x1b[Hschritt", "Fortschritt"),  # clear screen, cursor home
        ("\x1b[?25lversteckt\x1b[?25h", "versteckt"),  # private-mode CSI
        ("\x1b]0;gehackt\x07Titel bleibt", "Titel bleibt"),  # OSC ended by BEL
        ("\x1b]2;gehackt\x1b\\Text", "Text"),  # OSC ended by ST
        ("\x1b]8;;http://example.invalid/\x1b\\Link\x1b]8;;\x1b\\ weiter", "Link weiter"),
        ("\x1bP+q544e\x1b\\Rest", "Rest"),  # DCS query
        ("\x9b31mrot\x9b0m", "rot"),  # 8-bit CSI
        ("\x9d0;titel\x07Inhalt", "Inhalt"),  # 8-bit OSC, BEL
        ("\x9d0;titel\x9cInhalt", "Inhalt"),  # 8-bit OSC, 8-bit ST
        ("A\x1b(BB", "AB"),  # charset designation (3 bytes)
        ("\x1bcNeustart", "Neustart"),  # full terminal reset
        ("\x1b7merken\x1b8", "merken"),  # save/restore cursor
        ("Ende\x1b", "Ende"),  # lone trailing ESC
    ],
)
def test_escape_sequences_are_removed_entirely(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


def test_other_control_characters_are_dropped_but_tabs_and_newlines_kept() -> None:
    raw = "a\x00b\x07c\x08d\x0be\x0cf\x7fg\x85h\x9fi\tj\nk"
    assert clean_text(raw) == "abcdefghi\tj\nk"


def test_unterminated_osc_does_not_swallow_the_following_text() -> None:
    cleaned = clean_text("\x1b]0;Fenstertitel\nDer eigentliche Artikel beginnt hier.")
    assert "Der eigentliche Artikel beginnt hier." in cleaned
    assert "\x1b" not in cleaned


def test_bracket_text_without_escape_is_left_alone() -> None:
    text = "Siehe [1] und ]2[ sowie 5 \\ 7; ~Tilde~ @Handle"
    assert clean_text(text) == text


def test_decomposed_umlauts_are_composed() -> None:
    decomposed = "Mu\u0308ller aus Ko\u0308ln"
    cleaned = clean_text(decomposed)
    assert cleaned == "Müller aus Köln"
    assert len(cleaned) == len("Müller aus Köln")


def test_printable_unicode_survives() -> None:
    text = "„Zitat“ – café, naïve, 東京, emoji 🙂, non-breaking\u00a0space"
    assert clean_text(text) == text


@given(st.text())
def test_any_input_comes_out_without_unsafe_controls(raw: str) -> None:
    assert not has_unsafe_control(clean_text(raw))


@given(st.text())
def test_cleaning_twice_changes_nothing(raw: str) -> None:
    once = clean_text(raw)
    assert clean_text(once) == once


@given(st.text(alphabet=st.characters(exclude_categories=("Cc", "Cs", "Cf"))))
def test_text_without_controls_is_only_normalised(raw: str) -> None:
    assert clean_text(raw) == unicodedata.normalize("NFC", raw)


def test_hostile_unterminated_sequences_stay_linear() -> None:
    # Many string introducers and no terminators: a naive pattern scans to the
    # end of the text for each of them and never finishes.
    hostile = ("\x1b]" + "x" * 50 + "\x9d" + "y" * 50) * 40_000  # about 4 MB
    started = time.perf_counter()
    cleaned = clean_text(hostile)
    assert time.perf_counter() - started < 5.0
    assert not has_unsafe_control(cleaned)
    assert cleaned.count("x") == 50 * 40_000
