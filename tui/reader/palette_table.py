"""The built-in themes' label palettes, precomputed (see ``palette.label_palette``).

Made by ``python -m tui.reader.palette > tui/reader/palette_table.py``;
tests/tui/test_palette.py fails when it no longer matches the computation.
"""

PALETTES: dict[tuple[tuple[str, ...], str, str], tuple[str, ...]] = {
    # atom-one-dark
    (("#E9CC92", "#D9A5E8", "#97F597", "#F59797", "#96CAF4"), "#3B414D", "#ABB2BF"): (
        "#E9CC92",
        "#E488FF",
        "#97F597",
        "#F59797",
        "#5AD4FF",
    ),
    # atom-one-light
    (("#8E8F24", "#6D196C", "#479F29", "#9F2929", "#2A4F9F"), "#E0E0E0", "#383A42"): (
        "#656800",
        "#6D196C",
        "#03715E",
        "#9F2929",
        "#385CA6",
    ),
    # catppuccin-frappe
    (("#EDDAB5", "#F4BFA4", "#C4E0B1", "#EFACAD", "#DCBEEE"), "#414559", "#C6D0F5"): (
        "#EDDAB5",
        "#75D3ED",
        "#8DF7C4",
        "#FF978D",
        "#EE92F3",
    ),
    # catppuccin-latte
    (("#935D13", "#915B4F", "#2A691C", "#8A0925", "#59259D"), "#E6E9EF", "#4C4F69"): (
        "#935D13",
        "#006DB1",
        "#2A691C",
        "#8A0925",
        "#6918A1",
    ),
    # catppuccin-macchiato
    (("#F3E2BF", "#F8C6AA", "#C4E6B9", "#F3AFB9", "#D9C0F9"), "#363A4F", "#CAD3F5"): (
        "#F3E2BF",
        "#FF8D48",
        "#70DAA8",
        "#F3AFB9",
        "#D085FF",
    ),
    # catppuccin-mocha
    (("#FBECCA", "#DCC4F9", "#C7F0CC", "#F6B5C8", "#F8D6EF"), "#313244", "#CDD6F4"): (
        "#FBECCA",
        "#A989F3",
        "#83F8CB",
        "#F6B5C8",
        "#FE8D59",
    ),
    # dracula
    (("#FFD09D", "#97A1C2", "#8BFBA7", "#FF8E8E", "#D3B7FB"), "#2B2E3B", "#F8F8F2"): (
        "#E7C091",
        "#97A1C2",
        "#8BFBA7",
        "#FF8E8E",
        "#FF77F3",
    ),
    # flexoki
    (("#C8AD57", "#6EADA7", "#9AAB5D", "#CA7671", "#6B94C4"), "#1C1B1A", "#FFFCF0"): (
        "#C8AD57",
        "#6EADA7",
        "#47A501",
        "#CA7671",
        "#6690DF",
    ),
    # gruvbox
    (("#FEAB67", "#C5BCAE", "#D0D26F", "#FC8679", "#AEC3BB"), "#3C3836", "#FBF1C7"): (
        "#FEAB67",
        "#FFD8EF",
        "#C8CE18",
        "#FF7782",
        "#88D5BC",
    ),
    # monokai
    (("#FDBA6B", "#FB6FA1", "#C4EB75", "#FB6FA1", "#C9ABFF"), "#2E2E2E", "#D6D6D6"): (
        "#FDBA6B",
        "#FB6FA1",
        "#C4EB75",
        "#1F98FF",
        "#D2BBFF",
    ),
    # nord
    (("#F1DCB2", "#ABC0D6", "#C2D4B3", "#D4969C", "#B0D5DF"), "#3B4252", "#D8DEE9"): (
        "#F1DCB2",
        "#BC9EFF",
        "#74BE7D",
        "#DC9DA3",
        "#72D5E5",
    ),
    # rose-pine
    (("#F9D6A5", "#77A3B5", "#BDDFE5", "#F19FB7", "#D8C4EF"), "#1F1D2E", "#E0DEF4"): (
        "#F9D6A5",
        "#77A3B5",
        "#9FF2DC",
        "#F19FB7",
        "#E36F48",
    ),
    # rose-pine-dawn
    (("#9A6722", "#1A4556", "#386168", "#764150", "#5F506F"), "#FFFAF3", "#575279"): (
        "#9A6722",
        "#1A4556",
        "#038278",
        "#812626",
        "#AC568F",
    ),
    # rose-pine-moon
    (("#F9D6A5", "#7FB5CA", "#BDDFE5", "#F19FB7", "#D8C4EF"), "#2A273F", "#E0DEF4"): (
        "#F9D6A5",
        "#7FB5CA",
        "#ADF1CE",
        "#F19FB7",
        "#E36F48",
    ),
    # solarized-dark
    (("#DC8865", "#72C0BB", "#AEBB56", "#E77775", "#6FB2E1"), "#073642", "#839496"): (
        "#DC8865",
        "#0CC0AA",
        "#AEBB56",
        "#F6669B",
        "#59B1FC",
    ),
    # solarized-light
    (("#85310E", "#1B6A64", "#576400", "#91211F", "#195B8A"), "#EEE8D5", "#586E75"): (
        "#85310E",
        "#00382D",
        "#576400",
        "#BB0058",
        "#01487F",
    ),
    # textual-dark
    (("#FFC473", "#5684A5", "#8AD4A1", "#D17E92", "#57A5E2"), "#1E1E1E", "#E0E0E0"): (
        "#FFC473",
        "#5C8AAB",
        "#8AD4A1",
        "#D17E92",
        "#CBBEFF",
    ),
    # textual-light
    (("#A86D1C", "#004F8B", "#337E4A", "#7A273C", "#002D4F"), "#D8D8D8", "#1F1F1F"): (
        "#875300",
        "#004F8B",
        "#1E6C3A",
        "#7A273C",
        "#4C007D",
    ),
    # tokyo-night
    (("#EACA9B", "#A7C1F9", "#BEDE9C", "#F9A4B4", "#D2BCF9"), "#24283B", "#A9B1D6"): (
        "#EACA9B",
        "#6CD2FF",
        "#B1F3AA",
        "#F9A4B4",
        "#AF71FE",
    ),
}
