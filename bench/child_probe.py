"""The reader's annotation child, timed: ``python -m bench.child_probe OUT``.

``bench.probe`` starts the reader with this in place of ``python -m
enrich.annotate_process``. It runs the same ``main`` and notes, with
``bench.probe``'s import watch, when spaCy starts importing and when the
recognizer is ready, plus the child's peak memory. stdout is the protocol's,
so the times go to OUT as JSON.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from bench import probe


def main(out: str) -> int:
    sys.meta_path.insert(0, probe._ImportWatch())
    from enrich.annotate_process import main as annotate_main

    code = annotate_main()
    probe.state["rss_mb"], probe.state["peak_rss_mb"] = probe._rss_mb()
    tmp = Path(out).with_suffix(".tmp")
    tmp.write_text(json.dumps(probe.state), encoding="utf-8")
    os.replace(tmp, out)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
