"""The reader's editing keys: corrections, notes, bookmarks, definitions, Wikipedia picks.

``EditController`` is owned by ``ReaderScreen`` and holds typed references to it
and to the ``SessionController``. Each action changes the ``SessionState``, then
``show_annotation`` redraws highlights, list and card at once, ``changed``
arms the autosave, and one line says what happened (and how to undo it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from enrich.labels import label_word
from enrich.model import Entity, Label, Mention
from enrich.shown_cards import candidates, shown_title
from tui.reader.messages import DefineFailed, EnrichmentReady, GlossarySaved, WikiChoiceReady
from tui.reader.widgets.article_view import ArticleView
from tui.ui_text import tr, ui_language

if TYPE_CHECKING:
    from textual.worker import Worker

    from enrich.model import Annotation
    from enrich.session import Correction
    from enrich.session.state import SessionState
    from tui.reader.reader_screen import ReaderScreen
    from tui.reader.screens.define import Definition
    from tui.reader.screens.note import NoteResult
    from tui.reader.session_controller import SessionController

ADD = "add-entity"
BOOKMARK = "bookmark"


class _Target(NamedTuple):
    """What an edit applies to: the session's state, the current entity and mention."""

    state: SessionState
    entity: Entity
    mention: Mention


class EditController:
    """Actions on the current entity (or a chosen passage) of the reader ``screen``."""

    def __init__(self, screen: ReaderScreen, session: SessionController) -> None:
        self._screen = screen
        self._session = session

    def _key(self, binding_id: str) -> str:
        return self._screen.key_displays().get(binding_id, "")

    def _target(self) -> _Target | None:
        """The current entity and the mention the cursor is on, or a hint why there is none."""
        state = self._screen.state
        if state is None:
            self._screen.notify(tr("Still finding entities…"), markup=False)
            return None
        entity = state.entity(self._screen.article.current_entity)
        if entity is None:
            self._screen.notify(tr("No entity selected: press n to go to one."), markup=False)
            return None
        span = self._screen.current_span
        mention = next(
            (m for m in entity.mentions if span is not None and m.start == span.start),
            entity.direct_mentions[0] if entity.direct_mentions else entity.mentions[0],
        )
        return _Target(state, entity, mention)

    def _edited(self, line: str) -> None:
        self._screen.show_annotation()
        self._session.changed()
        self._screen.notify(line, markup=False)

    # ------------------------------------------------------------ corrections
    def reject(self, scope: str = "entity") -> None:
        target = self._target()
        if target is None:
            return
        state, entity, mention = target
        state.reject(mention, scope=scope)
        template = (
            "Rejected '{name}' ({label}) — {key} to undo"
            if scope == "entity"
            else "Rejected this mention of '{name}' ({label}) — {key} to undo"
        )
        label = label_word(entity.label, ui_language())
        self._edited(tr(template, name=entity.name, label=label, key=self._key("undo")))

    def relabel(self) -> None:
        target = self._target()
        if target is None:
            return
        _, entity, mention = target

        def picked(label: Label | None) -> None:
            if label is None or label == entity.label or self._screen.state is None:
                return
            correction = self._screen.state.relabel(mention, label)
            self._edited(
                tr("{what} — {key} to undo", what=_describe(correction), key=self._key("undo"))
            )
            self.run_lookup(self._screen.state.annotation, [entity.id])

        from tui.reader.screens.label_picker import LabelPicker

        self._screen.app.push_screen(
            LabelPicker(tr("Label for “{name}”", name=entity.name), entity.label), picked
        )

    def add_entity(self) -> None:
        if self._screen.state is None:
            self._screen.notify(tr("Still finding entities…"), markup=False)
            return
        view = self._screen.article
        view.focus()
        view.start_selection(ADD)

    def span_chosen(self, message: ArticleView.SpanChosen) -> None:
        state = self._screen.state
        if state is None or message.end <= message.start:
            return
        if message.purpose == ADD:
            self._label_new_entity(message.start, message.end, message.text)
        elif message.purpose == BOOKMARK:
            self._note_bookmark(state, message.start, message.end, message.text)

    def _label_new_entity(self, start: int, end: int, text: str) -> None:
        def picked(label: Label | None) -> None:
            if label is None or self._screen.state is None:
                return
            correction = self._screen.state.add(start, end, label)
            self._edited(
                tr("{what} — {key} to undo", what=_describe(correction), key=self._key("undo"))
            )
            added = self._screen.state.added_entity(correction)
            if added is not None:
                self._screen.article.select_entity(added.id)
                self.run_lookup(self._screen.state.annotation, [added.id])

        from tui.reader.screens.label_picker import LabelPicker

        self._screen.app.push_screen(LabelPicker(tr("Add “{text}” as…", text=text)), picked)

    def undo(self) -> None:
        if self._screen.state is None:
            self._screen.notify(tr("Still finding entities…"), markup=False)
            return
        undone = self._screen.state.undo()
        if undone is None:
            self._screen.notify(tr("Nothing to undo."), markup=False)
            return
        self._edited(tr("Undone: {what}", what=_describe(undone)))

    # ------------------------------------------------------- notes, bookmarks
    def note(self) -> None:
        target = self._target()
        if target is None:
            return
        state, entity, _ = target
        key = f"note:{entity.id}"
        saved = state.note(entity.id)
        note, tags = (saved.note, ", ".join(saved.tags)) if saved else ("", "")
        draft = state.draft(key)
        if draft is not None:
            note, tags = draft.get("note", ""), draft.get("tags", "")

        def written(result: NoteResult | None) -> None:
            if result is None or self._screen.state is None:
                return
            if not result.saved:
                typed = (result.note, ", ".join(result.tags))
                if typed != (note, tags) or draft is not None:
                    self._screen.state.set_draft(key, {"note": typed[0], "tags": typed[1]})
                    self._session.changed()
                    self._screen.notify(
                        tr(
                            "Note not saved; {key} reopens it as you left it.",
                            key=self._key("note"),
                        ),
                        markup=False,
                    )
                return
            before = self._screen.state.changes
            self._screen.state.set_note(entity, result.note, result.tags)
            if self._screen.state.changes != before:
                self._screen.refresh_card()
                self._session.changed()
                self._screen.notify(tr("Note saved on '{name}'.", name=entity.name), markup=False)

        label = label_word(entity.label, ui_language())
        title = tr("Note on “{name}” ({label})", name=entity.name, label=label)
        from tui.reader.screens.note import NoteScreen

        self._screen.app.push_screen(NoteScreen(title, note, tags), written)

    def bookmark(self) -> None:
        if self._screen.state is None:
            self._screen.notify(tr("Still finding entities…"), markup=False)
            return
        view = self._screen.article
        view.focus()
        view.start_selection(BOOKMARK)

    def _note_bookmark(self, state: SessionState, start: int, end: int, text: str) -> None:
        key = f"bookmark:{start}:{end}"
        note = (state.draft(key) or {}).get("note", "")

        def written(result: NoteResult | None) -> None:
            if result is None or self._screen.state is None:
                return
            if not result.saved:
                before = self._screen.state.changes
                self._screen.state.set_draft(key, {"note": result.note})
                if self._screen.state.changes != before:
                    self._session.changed()
                self._screen.notify(tr("No bookmark added."), markup=False)
                return
            self._screen.state.add_bookmark(start, end, result.note)
            self._screen.article.set_bookmarks(self._screen.state.bookmark_spans())
            self._session.changed()
            self._screen.notify(tr("Bookmarked “{text}”.", text=_short(text)), markup=False)

        quote = _short(text, 60)
        from tui.reader.screens.note import NoteScreen

        self._screen.app.push_screen(
            NoteScreen(tr("Bookmark “{text}”", text=quote), note, with_tags=False), written
        )

    # --------------------------------------------------------------- define
    def define(self) -> None:
        target = self._target()
        if target is None:
            return
        state, entity, _ = target
        key = f"define:{entity.id}"
        card = self._screen.shown.shown(entity.id)
        glossary = card.glossary if card is not None else None
        existing = {}
        if glossary is not None and glossary.source == "user":
            existing[self._screen.document.language] = glossary.definition or ""
        draft = state.draft(key)
        if draft is not None:  # typed before and not saved: it wins, language by language
            existing.update(draft)

        def written(definition: Definition | None) -> None:
            if definition is None or self._screen.state is None:
                return
            if not definition.saved:
                if definition.texts != {k: v.strip() for k, v in existing.items() if v.strip()}:
                    self._screen.state.set_draft(key, definition.texts)
                    self._session.changed()
                    self._screen.notify(
                        tr(
                            "Definition not saved; {key} reopens it as you left it.",
                            key=self._key("define"),
                        ),
                        markup=False,
                    )
                return
            if self._screen.state.draft(key) is not None:
                self._screen.state.drop_draft(key)  # a failed write brings it back (DefineFailed)
                self._session.changed()
            annotation = self._screen.state.annotation
            self._session.writes.track(
                "your definition",
                lambda token: self.run_define(annotation, entity, definition, token),
            )

        from tui.reader.screens.define import DefineScreen

        self._screen.app.push_screen(
            DefineScreen(entity.name, existing, self._screen.document.language), written
        )

    def run_define(
        self, annotation: Annotation, entity: Entity, definition: Definition, token: int
    ) -> Worker[None]:
        return self._screen.run_worker(
            lambda: self._run_define(annotation, entity, definition, token),
            thread=True,
            group="define",
            exit_on_error=False,
            description="Saving the definition",
        )

    def _run_define(
        self, annotation: Annotation, entity: Entity, definition: Definition, token: int
    ) -> None:
        """Write every language typed to the glossary, then refresh the entity's card."""
        from enrich.glossary import add_entry

        try:
            for lang, text in definition.texts.items():
                add_entry(definition.term, text, entity.label, lang=lang)
        except Exception:
            self._screen.post_message(DefineFailed(entity.id, definition.texts))
            raise  # reported where every worker error is (ReaderScreen.on_worker_state_changed)
        finally:
            self._session.writes.done(token)
        enricher = self._screen.make_enricher()
        try:
            cards = enricher.enrich(annotation, only=[entity.id])
        finally:
            enricher.close()
        self._screen.post_message(GlossarySaved(definition.term, cards))

    def define_failed(self, message: DefineFailed) -> None:
        """Nothing the student typed is lost: the texts become a draft ``d`` reopens."""
        if self._screen.state is None:
            return
        self._screen.state.set_draft(f"define:{message.entity_id}", message.texts)
        self._session.changed()
        self._screen.notify(
            tr(
                "Your definition is kept; {key} reopens it to try again.",
                key=self._key("define"),
            ),
            markup=False,
        )

    def glossary_saved(self, message: GlossarySaved) -> None:
        self._screen.shown.add_fresh(message.cards)
        self._session.record_cards(list(message.cards))
        self._screen.refresh_card()
        self._screen.notify(
            tr("Saved your definition of '{term}' in your glossary.", term=message.term),
            markup=False,
        )

    def run_lookup(self, annotation: Annotation, entity_ids: list[str]) -> None:
        self._screen.run_worker(
            lambda: self._run_lookup(annotation, entity_ids),
            thread=True,
            group="lookup",
            exit_on_error=False,
            description="Looking up",
        )

    def _run_lookup(self, annotation: Annotation, entity_ids: list[str]) -> None:
        """Cards for entities the student added or relabelled."""
        enricher = self._screen.make_enricher()
        try:
            cards = enricher.enrich(annotation, only=entity_ids)
        finally:
            enricher.close()
        self._screen.post_message(
            EnrichmentReady(
                cards, offline=enricher.offline, final=False, went_offline=enricher.went_offline
            )
        )

    # ------------------------------------------------------- wikipedia choice
    def choose_wiki(self) -> None:
        target = self._target()
        if target is None:
            return
        entity = target.entity
        card = self._screen.shown.shown(entity.id)
        options = candidates(card)
        current = shown_title(card)
        if not [title for title, _ in options if title != current]:
            self._screen.notify(
                tr("No other Wikipedia candidates for '{name}'.", name=entity.name), markup=False
            )
            return

        def picked(title: str | None) -> None:
            if title is None or self._screen.state is None:
                return
            default = self._screen.shown.default_title(entity.id)
            if not self._screen.state.choose_wiki(entity.id, title, default=default):
                return
            self._session.changed()
            if entity.id not in self._screen.state.session.wiki_choices:
                self._screen.shown.forget_choice(entity.id)
                self._screen.refresh_card()
                self._screen.notify(
                    tr("Back to Kontext's own pick, '{title}'.", title=title), markup=False
                )
                return
            self._screen.shown.choices[entity.id] = title
            self._screen.notify(tr("Looking up '{title}'…", title=title), markup=False)
            self.run_wiki_choice(self._screen.state.annotation, entity.id, title)

        from tui.reader.screens.wiki_choice import WikiChoiceScreen

        self._screen.app.push_screen(WikiChoiceScreen(entity.name, options, current), picked)

    def run_wiki_choice(self, annotation: Annotation, entity_id: str, title: str) -> None:
        self._screen.run_worker(
            lambda: self._run_wiki_choice(annotation, entity_id, title),
            thread=True,
            group="wiki-choice",
            exit_on_error=False,
            description="Wikipedia lookup",
        )

    def _run_wiki_choice(self, annotation: Annotation, entity_id: str, title: str) -> None:
        enricher = self._screen.make_enricher()
        try:
            cards = enricher.enrich(annotation, only=[entity_id], titles={entity_id: title})
        finally:
            enricher.close()
        self._screen.post_message(WikiChoiceReady(cards))


def _short(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _describe(correction: Correction) -> str:
    """One line in the interface language: "Relabelled 'Yonhap' as Organisation"."""
    label = label_word(correction.label, ui_language()) if correction.label else ""
    if correction.op == "reject":
        if correction.scope == "mention":
            return tr("Rejected '{text}' (this mention)", text=correction.text)
        return tr("Rejected '{text}'", text=correction.text)
    if correction.op == "relabel":
        return tr("Relabelled '{text}' as {label}", text=correction.text, label=label)
    return tr("Added '{text}' as {label}", text=correction.text, label=label)
