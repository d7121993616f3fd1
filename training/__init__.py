"""Everything that builds Kontext's bundled NER model and its tables; never run by the reader.

Run from a checkout of the repository, next to ``enrich/``::

    pip install -e '.[train]'
    python -m training.train --data ../shared/data --lang de

Why a top-level package outside the wheel (``[tool.hatch.build.targets.wheel]``
ships only ``enrich`` and ``tui``): training needs the shared corpora and a
source checkout anyway, since it writes the model and lexicons into
``enrich/nlp/``; students who install ``kontext`` get neither the code nor its
extra dependencies (faker, spacy-lookups-data). ``python -m training.<step>``
stays short, and the tests import it from the repository root like
``tests.helpers``. The rule runs one way: ``training`` imports ``enrich``
(the features, the corpus readers, the scorer), and nothing in ``enrich`` or
``tui`` imports ``training`` (tests/test_import_graph.py).

Steps: ``train`` (the model), ``scores`` (docs/model-scores.json), ``design``
(one row of the model card's ablation table), and the builders of the shipped
tables: ``name_lists``, ``word_clusters``, ``brown_clusters``, ``common_nouns``.
"""
