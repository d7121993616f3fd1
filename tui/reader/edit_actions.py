"""The reader's editing keys: corrections, notes, bookmarks, definitions, Wikipedia picks.

A mixin of ``KontextApp``. Each action changes the ``SessionState``, then
``show_annotation`` redraws highlights, list and card at once, ``changed``
arms the autosave, and one line says what happened (and how to undo it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work

from enrich.model import Entity, Label, Mention
from tui.reader.messages import DefineFailed, EnrichmentReady, GlossarySaved, WikiChoiceReady
from tui.reader.widgets.article_view import ArticleView
from tui.shown_cards import candidates, shown_title

if TYPE_CHECKING:
    from enrich.model import Annotation
    from tui.reader.screens.define import Definition
    from tui.reader.screens.note import NoteResult

ADD = "add-entity"
BOOKMARK = "bookmark"


class EditActions:
    """Actions on the current entity (or a chosen passage) for ``KontextApp``."""

    def _key(self: Any, binding_id: str) -> str:
        return self._key_displays().get(binding_id, "")

    def _target(self: Any) -> tuple[Entity, Mention] | None:
        """The current entity and the mention the cursor is on, or a hint why there is none."""
        if self.state is None:
            self.notify("Still finding entities…", markup=False)
            return None
        entity = self.state.entity(self.query_one(ArticleView).current_entity)
        if entity is None:
            self.notify("No entity selected: press n to go to one.", markup=False)
            return None
        span = self.current_span
        mention = next(
            (m for m in entity.mentions if span is not None and m.start == span.start),
            entity.direct_mentions[0] if entity.direct_mentions else entity.mentions[0],
        )
        return entity, mention

    def _edited(self: Any, line: str) -> None:
        self.show_annotation()
        self.changed()
        self.notify(line, markup=False)

    # ------------------------------------------------------------ corrections
    def action_reject(self: Any, scope: str = "entity") -> None:
        target = self._target()
        if target is None:
            return
        entity, mention = target
        self.state.reject(mention, scope=scope)
        what = f"'{entity.name}'" if scope == "entity" else f"this mention of '{entity.name}'"
        self._edited(f"Rejected {what} ({entity.label}) — {self._key('undo')} to undo")

    def action_relabel(self: Any) -> None:
        target = self._target()
        if target is None:
            return
        entity, mention = target

        def picked(label: Label | None) -> None:
            if label is None or label == entity.label or self.state is None:
                return
            correction = self.state.relabel(mention, label)
            self._edited(f"{_describe(correction)} — {self._key('undo')} to undo")
            self.run_lookup(self.state.annotation, [entity.id])

        from tui.reader.screens.label_picker import LabelPicker

        self.push_screen(LabelPicker(f"Label for “{entity.name}”", entity.label), picked)

    def action_add_entity(self: Any) -> None:
        if self.state is None:
            self.notify("Still finding entities…", markup=False)
            return
        view = self.query_one(ArticleView)
        view.focus()
        view.start_selection(ADD)

    def on_article_view_span_chosen(self: Any, message: ArticleView.SpanChosen) -> None:
        if self.state is None or message.end <= message.start:
            return
        if message.purpose == ADD:
            self._label_new_entity(message.start, message.end, message.text)
        elif message.purpose == BOOKMARK:
            self._note_bookmark(message.start, message.end, message.text)

    def _label_new_entity(self: Any, start: int, end: int, text: str) -> None:
        def picked(label: Label | None) -> None:
            if label is None or self.state is None:
                return
            correction = self.state.add(start, end, label)
            self._edited(f"{_describe(correction)} — {self._key('undo')} to undo")
            added = self.state.added_entity(correction)
            if added is not None:
                self.query_one(ArticleView).select_entity(added.id)
                self.run_lookup(self.state.annotation, [added.id])

        from tui.reader.screens.label_picker import LabelPicker

        self.push_screen(LabelPicker(f"Add “{text}” as…"), picked)

    def action_undo(self: Any) -> None:
        if self.state is None:
            self.notify("Still finding entities…", markup=False)
            return
        undone = self.state.undo()
        if undone is None:
            self.notify("Nothing to undo.", markup=False)
            return
        self._edited(f"Undone: {_describe(undone)}")

    # ------------------------------------------------------- notes, bookmarks
    def action_note(self: Any) -> None:
        target = self._target()
        if target is None:
            return
        entity = target[0]
        key = f"note:{entity.id}"
        saved = self.state.note(entity.id)
        note, tags = (saved.note, ", ".join(saved.tags)) if saved else ("", "")
        draft = self.state.draft(key)
        if draft is not None:
            note, tags = draft.get("note", ""), draft.get("tags", "")

        def written(result: NoteResult | None) -> None:
            if result is None or self.state is None:
                return
            if not result.saved:
                typed = (result.note, ", ".join(result.tags))
                if typed != (note, tags) or draft is not None:
                    self.state.set_draft(key, {"note": typed[0], "tags": typed[1]})
                    self.changed()
                    self.notify(
                        f"Note not saved; {self._key('note')} reopens it as you left it.",
                        markup=False,
                    )
                return
            before = self.state.changes
            self.state.set_note(entity, result.note, result.tags)
            if self.state.changes != before:
                self.refresh_card()
                self.changed()
                self.notify(f"Note saved on '{entity.name}'.", markup=False)

        title = f"Note on “{entity.name}” ({entity.label})"
        from tui.reader.screens.note import NoteScreen

        self.push_screen(NoteScreen(title, note, tags), written)

    def action_bookmark(self: Any) -> None:
        if self.state is None:
            self.notify("Still finding entities…", markup=False)
            return
        view = self.query_one(ArticleView)
        view.focus()
        view.start_selection(BOOKMARK)

    def _note_bookmark(self: Any, start: int, end: int, text: str) -> None:
        key = f"bookmark:{start}:{end}"
        note = (self.state.draft(key) or {}).get("note", "")

        def written(result: NoteResult | None) -> None:
            if result is None or self.state is None:
                return
            if not result.saved:
                before = self.state.changes
                self.state.set_draft(key, {"note": result.note})
                if self.state.changes != before:
                    self.changed()
                self.notify("No bookmark added.", markup=False)
                return
            self.state.add_bookmark(start, end, result.note)
            self.query_one(ArticleView).set_bookmarks(self.state.bookmark_spans())
            self.changed()
            self.notify(f"Bookmarked “{_short(text)}”.", markup=False)

        quote = _short(text, 60)
        from tui.reader.screens.note import NoteScreen

        self.push_screen(NoteScreen(f"Bookmark “{quote}”", note, with_tags=False), written)

    # --------------------------------------------------------------- define
    def action_define(self: Any) -> None:
        target = self._target()
        if target is None:
            return
        entity = target[0]
        key = f"define:{entity.id}"
        card = self.shown.shown(entity.id) or {}
        glossary = card.get("glossary")
        existing = {}
        if isinstance(glossary, dict) and glossary.get("source") == "user":
            existing[self.article.language] = str(glossary.get("definition") or "")
        draft = self.state.draft(key)
        if draft is not None:  # typed before and not saved: it wins, language by language
            existing.update(draft)

        def written(definition: Definition | None) -> None:
            if definition is None or self.state is None:
                return
            if not definition.saved:
                if definition.texts != {k: v.strip() for k, v in existing.items() if v.strip()}:
                    self.state.set_draft(key, definition.texts)
                    self.changed()
                    self.notify(
                        f"Definition not saved; {self._key('define')} reopens it as you left it.",
                        markup=False,
                    )
                return
            if self.state.draft(key) is not None:
                self.state.drop_draft(key)  # a failed write brings it back (DefineFailed)
                self.changed()
            annotation = self.state.annotation
            self.track_write(
                "your definition",
                lambda token: self.run_define(annotation, entity, definition, token),
            )

        from tui.reader.screens.define import DefineScreen

        self.push_screen(DefineScreen(entity.name, existing, self.article.language), written)

    @work(thread=True, group="define", exit_on_error=False, description="Saving the definition")
    def run_define(
        self: Any, annotation: Annotation, entity: Entity, definition: Definition, token: int
    ) -> None:
        """Write every language typed to the glossary, then refresh the entity's card."""
        from enrich.glossary import add_entry

        try:
            for lang, text in definition.texts.items():
                add_entry(definition.term, text, entity.label, lang=lang)
        except Exception:
            self.post_message(DefineFailed(entity.id, definition.texts))
            raise  # reported where every worker error is (app.on_worker_state_changed)
        finally:
            self.write_done(token)
        enricher = self.make_enricher()
        try:
            cards = enricher.enrich(annotation, only=[entity.id])
        finally:
            enricher.close()
        self.post_message(GlossarySaved(definition.term, cards))

    def on_define_failed(self: Any, message: DefineFailed) -> None:
        """Nothing the student typed is lost: the texts become a draft ``d`` reopens."""
        if self.state is None:
            return
        self.state.set_draft(f"define:{message.entity_id}", message.texts)
        self.changed()
        self.notify(
            f"Your definition is kept; {self._key('define')} reopens it to try again.",
            markup=False,
        )

    def on_glossary_saved(self: Any, message: GlossarySaved) -> None:
        self.shown.add_fresh(message.cards)
        self.record_cards(list(message.cards))
        self.refresh_card()
        self.notify(f"Saved your definition of '{message.term}' in your glossary.", markup=False)

    @work(thread=True, group="lookup", exit_on_error=False, description="Looking up")
    def run_lookup(self: Any, annotation: Annotation, entity_ids: list[str]) -> None:
        """Cards for entities the student added or relabelled."""
        enricher = self.make_enricher()
        try:
            cards = enricher.enrich(annotation, only=entity_ids)
        finally:
            enricher.close()
        self.post_message(
            EnrichmentReady(
                cards, offline=enricher.offline, final=False, went_offline=enricher.went_offline
            )
        )

    # ------------------------------------------------------- wikipedia choice
    def action_choose_wiki(self: Any) -> None:
        target = self._target()
        if target is None:
            return
        entity = target[0]
        card = self.shown.shown(entity.id)
        options = candidates(card)
        current = shown_title(card)
        if not [title for title, _ in options if title != current]:
            self.notify(f"No other Wikipedia candidates for '{entity.name}'.", markup=False)
            return

        def picked(title: str | None) -> None:
            if title is None or self.state is None:
                return
            default = self.shown.default_title(entity.id)
            if not self.state.choose_wiki(entity.id, title, default=default):
                return
            self.changed()
            if entity.id not in self.state.session.wiki_choices:
                self.shown.forget_choice(entity.id)
                self.refresh_card()
                self.notify(f"Back to Kontext's own pick, '{title}'.", markup=False)
                return
            self.shown.choices[entity.id] = title
            self.notify(f"Looking up '{title}'…", markup=False)
            self.run_wiki_choice(self.state.annotation, entity.id, title)

        from tui.reader.screens.wiki_choice import WikiChoiceScreen

        self.push_screen(WikiChoiceScreen(entity.name, options, current), picked)

    @work(thread=True, group="wiki-choice", exit_on_error=False, description="Wikipedia lookup")
    def run_wiki_choice(self: Any, annotation: Annotation, entity_id: str, title: str) -> None:
        enricher = self.make_enricher()
        try:
            cards = enricher.enrich(annotation, only=[entity_id], titles={entity_id: title})
        finally:
            enricher.close()
        self.post_message(WikiChoiceReady(cards))


def _short(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _describe(correction: object) -> str:
    """Session code is imported on the first edit, not before the first paint."""
    from tui.session_state import describe

    return describe(correction)  # type: ignore[arg-type]
