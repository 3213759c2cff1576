"""Build ``place_ranker.json``: the toponym ranker's weights, fitted on the three geo corpora.

Run as ``python -m tools.build.place_ranker`` (the corpora under ``$WIREWATCH_DATA`` or
``../shared/data``: ``geoparsing/{lgl,geovirus,wiktor}.jsonl``). The weights are chosen by
``bench.tuning.fit`` (coordinate ascent from a neutral start, the mean acc@161 km of the three
corpora with gold spans, on their training pools: about 200 documents each), the fit
``python -m bench geo`` reports as ``in_sample`` beside the leave-one-corpus-out ones. Only
numbers are written.
"""

from __future__ import annotations

import json
import sys

from bench import tuning
from bench.common import data_path

from tools.build import RESOURCES
from wirewatch.gazetteer import gazetteer
from wirewatch.stages.place.rank import RESOURCE

OUT = RESOURCES / RESOURCE


def main(argv: list[str] | None = None) -> int:
    del argv
    table = gazetteer()
    pools = [
        tuning.load(data_path(f"geoparsing/{c}.jsonl"), None, table, pool=True)
        for c in tuning.CORPORA
    ]
    model = tuning.fit(pools, progress=lambda message: print(message, file=sys.stderr))
    OUT.write_text(json.dumps({"model": tuning.as_dict(model)}) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
