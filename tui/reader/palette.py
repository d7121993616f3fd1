"""The five label colours as a code: readable on the article and apart from each other.

A theme's warning/secondary/success/error/primary text colours are a good start
but not a code: in some themes two are the same blue, in others one is too faint
on the background. ``label_palette`` keeps each theme colour that passes and
corrects the rest: it first moves the lightness (hue and chroma kept) until the
colour reaches 4.5:1 against the background (WCAG), then, if it is still too
close to a colour already chosen (CIEDE2000 ΔE < 25) or to the body text
(ΔE < 20), it takes the free hue farthest from them. The math is pure (hex in,
hex out); ``css_variables`` turns a theme's variables into ``$kontext-per`` …
``$kontext-term`` so the article, the legend and the card restyle with the theme.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.theme import Theme

RGB = tuple[float, float, float]  # sRGB, each 0..1
Lab = tuple[float, float, float]  # CIELAB, D65

MIN_CONTRAST = 4.5  # WCAG AA for body-size text
MIN_APART = 25.0  # CIEDE2000 between any two label colours
MIN_FROM_TEXT = 20.0  # CIEDE2000 between a label colour and the body text

LABEL_KEYS = ("per", "org", "loc", "misc", "term")
# The theme variable each label starts from, in LABEL_KEYS order.
SOURCE_VARIABLES = ("text-warning", "text-secondary", "text-success", "text-error", "text-primary")
# Base ANSI colours a terminal theme may use; the terminal decides what they look like.
ANSI_HUES = ("yellow", "cyan", "green", "red", "blue", "magenta")


def hex_to_rgb(value: str) -> RGB:
    """ "#rrggbb" (an alpha suffix is ignored) as sRGB floats."""
    digits = value.strip().lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    r, g, b = (int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return r, g, b


def rgb_to_hex(rgb: RGB) -> str:
    return "#" + "".join(f"{round(min(1.0, max(0.0, c)) * 255):02X}" for c in rgb)


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _gamma(c: float) -> float:
    return 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def luminance(rgb: RGB) -> float:
    """WCAG relative luminance."""
    r, g, b = (_linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RGB, b: RGB) -> float:
    """WCAG contrast ratio, 1..21."""
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


_WHITE = (0.95047, 1.0, 1.08883)  # D65


def _f(t: float) -> float:
    return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29


def _f_inv(t: float) -> float:
    return t**3 if t > 6 / 29 else 3 * (6 / 29) ** 2 * (t - 4 / 29)


def rgb_to_lab(rgb: RGB) -> Lab:
    r, g, b = (_linear(c) for c in rgb)
    x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = 0.0193339 * r + 0.1191920 * g + 0.9503041 * b
    fx, fy, fz = _f(x / _WHITE[0]), _f(y / _WHITE[1]), _f(z / _WHITE[2])
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def lab_to_rgb(lab: Lab) -> RGB | None:
    """sRGB of a Lab colour, or None when it is outside the sRGB gamut."""
    L, a, b = lab
    fy = (L + 16) / 116
    x = _WHITE[0] * _f_inv(fy + a / 500)
    y = _WHITE[1] * _f_inv(fy)
    z = _WHITE[2] * _f_inv(fy - b / 200)
    linear = (
        3.2404542 * x - 1.5371385 * y - 0.4985314 * z,
        -0.9692660 * x + 1.8760108 * y + 0.0415560 * z,
        0.0556434 * x - 0.2040259 * y + 1.0572252 * z,
    )
    if any(c < -1e-4 or c > 1 + 1e-4 for c in linear):
        return None
    r, g, b = (_gamma(min(1.0, max(0.0, c))) for c in linear)
    return r, g, b


def ciede2000(lab1: Lab, lab2: Lab) -> float:
    """CIEDE2000 colour difference (Sharma, Wu and Dalal 2005), kL = kC = kH = 1."""
    L1, a1, b1 = lab1
    L2, a2, b2 = lab2
    c_bar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_bar**7 / (c_bar**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    d_lp, d_cp = L2 - L1, c2p - c1p
    if c1p * c2p == 0:
        d_hp = 0.0
    else:
        d_hp = h2p - h1p
        if d_hp > 180:
            d_hp -= 360
        elif d_hp < -180:
            d_hp += 360
    d_big_hp = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(d_hp / 2))
    l_barp, c_barp = (L1 + L2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_barp = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_barp = (h1p + h2p) / 2
    elif h1p + h2p < 360:
        h_barp = (h1p + h2p + 360) / 2
    else:
        h_barp = (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(h_barp - 30))
        + 0.24 * math.cos(math.radians(2 * h_barp))
        + 0.32 * math.cos(math.radians(3 * h_barp + 6))
        - 0.20 * math.cos(math.radians(4 * h_barp - 63))
    )
    d_theta = 30 * math.exp(-(((h_barp - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(c_barp**7 / (c_barp**7 + 25**7))
    s_l = 1 + 0.015 * (l_barp - 50) ** 2 / math.sqrt(20 + (l_barp - 50) ** 2)
    s_c = 1 + 0.045 * c_barp
    s_h = 1 + 0.015 * c_barp * t
    r_t = -math.sin(math.radians(2 * d_theta)) * r_c
    dl, dc, dh = d_lp / s_l, d_cp / s_c, d_big_hp / s_h
    return math.sqrt(dl**2 + dc**2 + dh**2 + r_t * dc * dh)


def delta_e(a: str, b: str) -> float:
    """CIEDE2000 between two hex colours."""
    return ciede2000(rgb_to_lab(hex_to_rgb(a)), rgb_to_lab(hex_to_rgb(b)))


def contrast_hex(a: str, b: str) -> float:
    return contrast(hex_to_rgb(a), hex_to_rgb(b))


def _in_gamut(lightness: float, chroma: float, hue: float) -> RGB:
    """The colour at this lightness and hue, its chroma cut to the sRGB gamut."""
    h = math.radians(hue)
    full = lab_to_rgb((lightness, chroma * math.cos(h), chroma * math.sin(h)))
    if full is not None:
        return full
    low, high = 0.0, chroma
    best = lab_to_rgb((lightness, 0.0, 0.0)) or (0.0, 0.0, 0.0)
    for _ in range(8):  # chroma to within 0.4
        mid = (low + high) / 2
        rgb = lab_to_rgb((lightness, mid * math.cos(h), mid * math.sin(h)))
        if rgb is None:
            high = mid
        else:
            low, best = mid, rgb
    return best


def _readable(lightness: float, chroma: float, hue: float, background: RGB) -> RGB | None:
    """The nearest lightness (hue kept) at which the colour reaches MIN_CONTRAST."""
    rgb = _in_gamut(lightness, chroma, hue)
    if contrast(rgb, background) >= MIN_CONTRAST:
        return rgb
    lighter = contrast((1.0, 1.0, 1.0), background) >= contrast((0.0, 0.0, 0.0), background)
    low, high = (lightness, 100.0) if lighter else (0.0, lightness)
    found: RGB | None = None
    for _ in range(11):  # lightness to 0.05; it moves contrast one way on this side
        mid = (low + high) / 2
        rgb = _in_gamut(mid, chroma, hue)
        passes = contrast(rgb, background) >= MIN_CONTRAST + 0.02  # a margin for rounding
        if passes:
            found = rgb
        if passes == lighter:
            high = mid
        else:
            low = mid
    return found


def _margin(lab: Lab, others: Sequence[Lab], text: Lab) -> float:
    """How far a candidate clears the ΔE limits (≥ 1 passes)."""
    apart = min((ciede2000(lab, other) / MIN_APART for other in others), default=math.inf)
    return min(apart, ciede2000(lab, text) / MIN_FROM_TEXT)


def _readable_hex(lightness: float, chroma: float, hue: float, background: RGB) -> str | None:
    """``_readable`` rounded to hex, and still readable after the rounding."""
    rgb = _readable(lightness, chroma, hue, background)
    if rgb is None:
        return None
    colour = rgb_to_hex(rgb)
    return colour if contrast(hex_to_rgb(colour), background) >= MIN_CONTRAST else None


@lru_cache(maxsize=32)
def _pool(background: str) -> tuple[tuple[str, Lab], ...]:
    """Readable colours on ``background`` at every 5° of hue, a few chromas and lightnesses."""
    bg = hex_to_rgb(background)
    dark = contrast((1.0, 1.0, 1.0), bg) >= contrast((0.0, 0.0, 0.0), bg)
    levels = (60.0, 70.0, 80.0, 90.0) if dark else (20.0, 30.0, 40.0, 50.0)
    found: dict[str, Lab] = {}
    for step in range(72):
        for chroma in (30.0, 45.0, 60.0, 80.0):
            for lightness in levels:
                colour = _readable_hex(lightness, chroma, step * 5.0, bg)
                if colour is not None:
                    found.setdefault(colour, rgb_to_lab(hex_to_rgb(colour)))
    return tuple(found.items())


def _replacement(
    source: Lab, others: Sequence[Lab], text: Lab, background: str, *, farthest: bool = False
) -> str | None:
    """The pool colour nearest the theme's own that clears the limits (else, or when
    ``farthest``, the one that clears them most: the farthest free hue)."""
    best: tuple[bool, float, str] | None = None
    for colour, lab in _pool(background):
        margin = _margin(lab, others, text)
        near = margin >= 1 and not farthest
        key = (near, -ciede2000(lab, source) if near else margin, colour)
        if best is None or key[:2] > best[:2]:
            best = key
    return best[2] if best is not None else None


@lru_cache(maxsize=64)
def label_palette(sources: tuple[str, ...], background: str, foreground: str) -> tuple[str, ...]:
    """One hex colour per source, each ≥ 4.5:1 on ``background`` and apart (see module).

    The built-in themes' answers are precomputed in ``palette_table`` (computing one
    takes 0.06–0.2 s, which the first paint would otherwise pay on the event loop);
    a theme of the student's own is computed here.
    """
    from tui.reader.palette_table import PALETTES

    known = PALETTES.get((sources, background, foreground))
    if known is not None:
        return known
    return compute_palette(sources, background, foreground)


def compute_palette(sources: tuple[str, ...], background: str, foreground: str) -> tuple[str, ...]:
    """``label_palette`` without the table: the search itself."""
    bg, text = hex_to_rgb(background), rgb_to_lab(hex_to_rgb(foreground))
    wanted = [rgb_to_lab(hex_to_rgb(s)) for s in sources]
    colours: list[str] = []
    for lab in wanted:  # each theme colour made readable, hue and chroma kept
        lightness, a, b = lab
        hue = math.degrees(math.atan2(b, a)) % 360
        readable = _readable_hex(lightness, math.hypot(a, b), hue, bg)
        colours.append(readable or _replacement(lab, [], text, background) or foreground)
    for _ in range(3):  # then the later of two close colours moves (or one close to the text)
        changed = False
        for i, lab in enumerate(wanted):
            labs = [rgb_to_lab(hex_to_rgb(c)) for c in colours]
            if _margin(labs[i], labs[:i], text) >= 1:
                continue
            new = _replacement(lab, labs[:i] + labs[i + 1 :], text, background)
            if new is not None and new != colours[i]:
                colours[i], changed = new, True
        if not changed:
            break
    for _ in range(5):  # still crowded (a grey theme): spread the ones that fail
        labs = [rgb_to_lab(hex_to_rgb(c)) for c in colours]
        failing = [
            i for i in range(len(labs)) if _margin(labs[i], labs[:i] + labs[i + 1 :], text) < 1
        ]
        if not failing:
            break
        i = failing[-1]
        others = labs[:i] + labs[i + 1 :]
        colours[i] = _replacement(wanted[i], others, text, background, farthest=True) or colours[i]
    return tuple(colours)


def ansi_palette(sources: Sequence[str]) -> tuple[str, ...]:
    """For a terminal (ANSI) theme: five different base ANSI hues, the theme's where free.

    The terminal's own palette decides contrast there; what Kontext can promise is
    that no two labels share a hue ("bright_red" beside "red" would).
    """
    used: list[str] = []
    for source in sources:
        base = source.removeprefix("ansi_").removeprefix("bright_")
        if base not in ANSI_HUES or base in used:
            base = next(h for h in ANSI_HUES if h not in used)
        used.append(base)
    return tuple(f"ansi_{base}" for base in used)


def theme_variables(theme: Theme) -> dict[str, str]:
    """A theme's CSS variables as the App builds them (the colour system, then its own)."""
    return {**theme.to_color_system().generate(), **theme.variables}


def article_colours(variables: Mapping[str, str]) -> tuple[str, str]:
    """(background, body text) of the article and the card: ``$surface`` over the screen."""
    from textual.color import Color  # the one place the palette needs Textual's parser

    back = Color.parse(variables.get("background", "#000000"))
    back += Color.parse(variables["surface"])  # a translucent surface over the screen
    fore = back + Color.parse(variables.get("foreground", "#e0e0e0"))
    return back.hex[:7], fore.hex[:7]


def source_colours(variables: Mapping[str, str]) -> list[str]:
    """The theme's own colour for each label, in ``LABEL_KEYS`` order."""
    return [variables.get(name, "") for name in SOURCE_VARIABLES]


def palette_key(variables: Mapping[str, str]) -> tuple[tuple[str, ...], str, str] | None:
    """``label_palette``'s arguments for a truecolour theme, None for a terminal theme."""
    sources = source_colours(variables)
    surface = variables.get("surface", "")
    if surface in ("", "transparent") or any(s.startswith("ansi_") for s in sources):
        return None
    from textual.color import Color

    background, foreground = article_colours(variables)
    back = Color.parse(background)
    parsed = tuple((back + Color.parse(s)).hex[:7] for s in sources)
    return parsed, background, foreground


def css_variables(variables: Mapping[str, str]) -> dict[str, str]:
    """``kontext-per`` … ``kontext-term`` for a theme's generated CSS variables."""
    sources = source_colours(variables)
    key = palette_key(variables)
    colours = ansi_palette(sources) if key is None else label_palette(*key)
    return {f"kontext-{key}": colour for key, colour in zip(LABEL_KEYS, colours, strict=True)}


def write_table() -> str:
    """The source of ``palette_table``: every built-in theme's palette, computed now."""
    from textual.theme import BUILTIN_THEMES

    rows = []
    for name in sorted(BUILTIN_THEMES):
        key = palette_key(theme_variables(BUILTIN_THEMES[name]))
        if key is not None:
            rows.append(f"    # {name}\n    {key!r}: {compute_palette(*key)!r},")
    body = "\n".join(rows)
    return (
        '"""The built-in themes\' label palettes, precomputed (see ``palette.label_palette``).\n\n'
        "Made by ``python -m tui.reader.palette > tui/reader/palette_table.py``;\n"
        "tests/tui/test_palette.py fails when it no longer matches the computation.\n"
        '"""\n\n'
        "PALETTES: dict[tuple[tuple[str, ...], str, str], tuple[str, ...]] = {\n"
        f"{body}\n}}\n"
    )


if __name__ == "__main__":
    print(write_table(), end="")
