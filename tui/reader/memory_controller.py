"""What the reader remembers across articles (issue 17): the card's "Seen in",
the quieter marks of entities met before, "new only" in the entity list, and
opening an earlier article.

Composed into the reader screen like the other controllers; the index is read in thread
workers (the ``SeenIn`` widget's, and ``known`` here), never on the event loop.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from tui.reader.entity_keys import keys_of, shown_session
from tui.reader.widgets.seen_in import SeenIn
from tui.ui_text import tr

if TYPE_CHECKING:
    from enrich.index import WikiChoice
    from enrich.model import Annotation, Entity
    from enrich.session import Session, SessionStore
    from tui.reader.reader_screen import ReaderScreen


@dataclass
class KnownReady(Message):
    """Entity ids of this article met in earlier articles (``generation`` names the ask)."""

    generation: int
    known: frozenset[str]
    keys: dict[str, str]
    rules: dict[str, str]  # ``personal:ID`` -> what the card says of that rule


def known_entities(
    session: Session, entities: list[Entity], current: str, store: SessionStore
) -> KnownReady:
    """Ask the index which entities were met in another article (a worker thread)."""
    from enrich.index import EntityIndex
    from tui.reader.rule_changes import load_rule_words

    keys = keys_of(session, entities)
    with EntityIndex.open(store=store, check=False, sync=False) as index:
        counts = index.seen_counts(keys.values(), exclude_session=current)
        rules = load_rule_words(index, entities)
    known = frozenset(eid for eid, key in keys.items() if key in counts)
    return KnownReady(0, known, keys, rules)


@dataclass
class RejectedHere(Message):
    """Names your rejection rules took out of this article."""

    names: list[str]


@dataclass
class CarriedChoices(Message):
    """Wikipedia choices the student made for the same names in earlier articles."""

    choices: dict[str, WikiChoice]  # entity id -> the earlier choice


def carried_choices(
    annotation: Annotation, chosen: Collection[str], current: str, store: SessionStore
) -> dict[str, WikiChoice]:
    """For each entity without a choice here: the student's choice for the same name
    (or an inflection) in another article whose words around it are most like this
    article's (none if no earlier context is similar enough), if it was made for the
    same label (a worker thread; "JCS" the army body stays apart from a "JCS" that is
    a journal, or a term)."""
    from enrich.index import EntityIndex, entity_key
    from enrich.index.extract import entity_context

    lang = annotation.article.language or "de"
    found: dict[str, WikiChoice] = {}
    with EntityIndex.open(store=store, check=False, sync=False) as index:
        for e in annotation.entities:
            if e.id in chosen:
                continue
            if index.wiki_choice_for(e.name, exclude_session=current) is None:
                continue  # never chosen: no need for the words around it
            context = entity_context(annotation.article.text, e)
            choice = index.wiki_choice_for(e.name, exclude_session=current, context=context)
            if choice is None:
                continue
            there = index.entity(entity_key(e.name, str(e.label), choice.title, lang), articles=1)
            if there is not None and there.summary.label != str(e.label):
                continue
            found[e.id] = choice
    return found


class MemoryController:
    """Seen-in lookups, known marks and opening another session for the reader ``screen``."""

    def __init__(self, screen: ReaderScreen) -> None:
        self._screen = screen
        self.next_session = ""  # set when the student opens an earlier article
        self.known: frozenset[str] = frozenset()
        self.keys: dict[str, str] = {}
        self.new_only = False
        self.carried: dict[str, WikiChoice] = {}  # entity id -> choice from another article
        self.rule_changes_shown = False
        self.rule_words: dict[str, str] = {}  # ``personal:ID`` -> the card's words for it
        self._generation = 0

    def _shown(self, entity_ids: list[str]) -> Session | None:
        screen = self._screen
        if screen.state is None:
            return None
        cards = screen.shown.all_shown(entity_ids)
        return shown_session(screen.state.session, cards, screen.shown.choices)

    def key(self, entity: Entity) -> str:
        """The index key of ``entity`` with what is on screen now."""
        session = self._shown([entity.id])
        return keys_of(session, [entity])[entity.id] if session is not None else ""

    def show_seen_in(self, entity: Entity | None) -> None:
        screen = self._screen
        found = screen.query(SeenIn)
        if not found:  # before the screen has mounted it
            return
        key = self.key(entity) if entity is not None else ""
        name = screen.state.name if screen.state is not None else ""
        seen = found.first()
        seen.show_carried(self.carried_line(entity.id if entity is not None else None))
        seen.show_key(key, name)

    # ------------------------------------------------------------ known marks
    def refresh_known(self) -> None:
        """Ask again which entities are known (new entities, or cards with new titles)."""
        screen = self._screen
        if screen.state is None:
            return
        if self.rule_changes_shown:  # a correction moved or removed rule-made mentions
            from tui.reader.rule_changes import rule_spans

            screen.article.set_rule_marks(rule_spans(screen.state.annotation))
        entities = list(screen.state.annotation.entities)
        session = self._shown([e.id for e in entities])
        assert session is not None
        self._generation += 1
        generation, current, store = self._generation, screen.state.name, screen.store

        def ask() -> None:
            answer = known_entities(session, entities, current, store)
            answer.generation = generation
            screen.post_message(answer)

        screen.run_worker(
            ask,
            thread=True,
            exclusive=True,
            group="known",
            exit_on_error=False,
            description="known",
        )

    def known_ready(self, message: KnownReady) -> None:
        if message.generation != self._generation:  # an older answer
            return
        self.known, self.keys = message.known, message.keys
        self._screen.article.set_known(message.known)
        if message.rules != self.rule_words:  # the card names the rules behind its mentions
            self.rule_words = message.rules
            self._screen.refresh_card()
        if self.new_only:
            self._screen.entity_list.set_leave_out(message.known)

    def toggle_new_only(self) -> None:
        """The entity list: only the entities not met before, or all again."""
        self.new_only = not self.new_only
        self._screen.entity_list.set_leave_out(self.known if self.new_only else ())
        self._screen.notify(
            tr("Entity list: new entities only.")
            if self.new_only
            else tr("Entity list: all entities."),
            markup=False,
        )

    # ----------------------------------------------------------- rule changes
    def toggle_rule_changes(self) -> None:
        """Mark what a personal rule added or relabelled; list the names it rejected."""
        from tui.reader.rule_changes import load_rejected_here, rule_spans

        screen = self._screen
        if screen.annotation is None:
            return
        self.rule_changes_shown = not self.rule_changes_shown
        view = screen.article
        if not self.rule_changes_shown:
            view.set_rule_marks(frozenset())
            screen.notify(tr("Rule changes hidden."), markup=False)
            return
        spans = rule_spans(screen.annotation)
        view.set_rule_marks(spans)
        article = screen.annotation.article

        def ask() -> None:
            screen.post_message(RejectedHere(load_rejected_here(article.text, article.language)))

        screen.run_worker(
            ask,
            thread=True,
            exclusive=True,
            group="rules",
            exit_on_error=False,
            description="rules",
        )

    def rejected_ready(self, message: RejectedHere) -> None:
        if not self.rule_changes_shown:
            return
        marked = len(self._screen.article.rule_marks)
        lines = [tr("Your rules added or relabelled {n} mention(s) here (marked).", n=marked)]
        if message.names:
            lines.append(tr("Rejected by your rules: {names}", names=", ".join(message.names)))
        else:
            lines.append(tr("No name here was rejected by your rules."))
        self._screen.notify("\n".join(lines), title=tr("Personal rules"), markup=False)

    # ------------------------------------------------------ Wikipedia choices
    def carried_ready(self, message: CarriedChoices) -> None:
        """Earlier choices become this article's choices (the student's own pick wins)."""
        shown = self._screen.shown
        for entity_id, choice in message.choices.items():
            if entity_id not in shown.choices:
                shown.choices[entity_id] = choice.title
                self.carried[entity_id] = choice

    def forget(self, entity_id: str) -> None:
        """The student chose again here: no longer "from" the other article."""
        self.carried.pop(entity_id, None)

    def carried_line(self, entity_id: str | None) -> str:
        choice = self.carried.get(entity_id or "")
        if choice is None or self._screen.shown.choices.get(entity_id or "") != choice.title:
            return ""
        return tr(
            "Wikipedia: your choice from “{title}”", title=choice.article_title or choice.session
        )

    # ------------------------------------------------------- another article
    def open_session(self, name: str) -> None:
        """Quit through the usual path (it saves or asks), then ``kontext read`` opens
        ``name``: a fresh reader, no state carried over by hand."""
        if self._screen.state is not None and name == self._screen.state.name:
            return
        if self._screen.app.is_web:  # the browser tab closes with this reader: nothing would open
            self._screen.notify(
                tr(
                    "Opening another article works in the terminal reader: "
                    "kontext read --session {name}",
                    name=name,
                ),
                markup=False,
            )
            return
        if not self._screen.store.exists(name):  # deleted or moved since it was indexed
            self._screen.notify(
                tr(
                    "The session '{name}' is no longer there (see 'kontext sessions list').",
                    name=name,
                ),
                severity="warning",
                markup=False,
            )
            return
        self.next_session = name
        self._screen.sessions.quit()
