"""The per-article stages on PySpark, and loading what they made into a store.

``job.run`` (``wirewatch spark``) reads and ingests on the driver, runs the stages on the
executors (one pipeline per Python worker), and writes Parquet datasets (articles,
mentions, events, quotes, failures, links, merged) with the export's columns; copies are
found by MinHash bands joined in Spark, merged events by blocks merged on the executors.
``load.load`` (``wirewatch load``) puts a run into SQLite or PostgreSQL, idempotently, then
runs the corpus stages there, taking the run's merged events when they fit the store.
docs/spark.md says how to run it on a cluster and why stories are made at load time.

pyspark is imported only inside the functions that need it, so importing this package,
and ``wirewatch load``, work without it. The modules: ``session`` (the SparkSession),
``inputs`` (driver: read, ingest, stage), ``analyse`` (executors: the stages), ``rows``
(the datasets' columns), ``datasets`` (writing them), ``dedup`` and ``links`` (copies by
MinHash bands), ``merged`` (merged events by blocks), ``job`` (the whole run), ``load``
(into a store) and ``premerged`` (the run's merged events, batch by batch, at load).
"""
