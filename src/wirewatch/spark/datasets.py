"""From the outcomes of the analysis to the Parquet datasets of a run, one folder per kind.

Every dataset is a selection of the outcomes Spark keeps (the article's row, the exploded
mentions, events and quotes, the failure's row), so writing them runs in the JVM alone and
no article is analysed twice. The row counts come from one aggregation over the outcomes.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from wirewatch.records import Article, from_dict

#: The file written last: the run finished, and what it met.
RUN_FILE = "run.json"


def write(outcomes: Any, out: str) -> dict[str, int]:
    """Write articles, mentions, events, quotes and failures under ``out``; count their rows."""
    from pyspark.sql import functions as fn

    for name in ("article", "failure"):
        chosen = outcomes.where(fn.col(name).isNotNull()).select(f"{name}.*")
        chosen.write.mode("error").parquet(f"{out}/{name}s")
    for name in ("mentions", "events", "quotes"):
        exploded = outcomes.select(fn.explode(name).alias("row")).select("row.*")
        exploded.write.mode("error").parquet(f"{out}/{name}")
    counted = outcomes.agg(
        fn.count("article").alias("articles"),
        *(fn.sum(fn.size(name)).alias(name) for name in ("mentions", "events", "quotes")),
        fn.count("failure").alias("failures"),
    ).first()
    return {key: int(value or 0) for key, value in counted.asDict().items()}


def article_of(row: dict[str, Any]) -> Article:
    """The Article an ``articles`` row holds, rebuilt exactly (raw input included)."""
    article = from_dict(Article, json.loads(row["record"]))
    return replace(article, raw=row.get("raw") or b"")
