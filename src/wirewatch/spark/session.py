"""The SparkSession a wirewatch run uses, set up so that its Python workers find wirewatch.

On a local master the workers are this interpreter (``spark.pyspark.python``) with this
process's import path, the driver listens on 127.0.0.1 only and no web UI is started: a
local run opens no port beyond loopback. On a cluster, ``spark-submit`` says which Python
and which wheel the executors use (docs/spark.md); nothing here overrides it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from wirewatch.errors import WirewatchError

#: The folder holding the ``wirewatch`` package: local workers put it on their path.
SOURCE = str(Path(__file__).resolve().parent.parent.parent)


def java_found() -> bool:
    """Whether a Java runtime is there for Spark's JVM (JAVA_HOME, else ``java`` on PATH)."""
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return True
    return shutil.which("java") is not None


def pyspark_module() -> Any:
    """The ``pyspark.sql`` module, or an error that says how to install it."""
    try:
        import pyspark.sql
    except ImportError:
        raise WirewatchError(
            "pyspark is not installed: pip install 'wirewatch[spark]' (and a Java 17+ runtime)."
        ) from None
    return pyspark.sql


@contextlib.contextmanager
def session(master: str, name: str = "wirewatch") -> Iterator[Any]:
    """A SparkSession on ``master``, stopped on leaving; refuses early when Java is missing.

    When a session is already active in this process, it is used as it is (whatever its
    master) and left running.
    """
    sql = pyspark_module()
    if master.startswith("local") and not java_found():
        raise WirewatchError(
            "Spark needs a Java runtime (17 or later) and none was found: install one "
            "(Debian: apt-get install default-jre-headless) or set JAVA_HOME."
        )
    active = sql.SparkSession.getActiveSession()
    if active is not None:  # a caller's session (a test module's, a notebook's): use, keep
        yield active
        return
    if master.startswith("local"):
        # PySpark starts local workers with $PYSPARK_PYTHON (else "python3" from PATH), and
        # Spark binds the address of $SPARK_LOCAL_IP (else the host name's, not loopback).
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    builder = sql.SparkSession.builder.master(master).appName(name)
    for key, value in settings(master).items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    logging.getLogger("py4j").setLevel(logging.ERROR)
    try:
        yield spark
    finally:
        spark.stop()


def cores(master: str) -> int:
    """The cores a local master uses: N in local[N], all of them for local[*] or local."""
    inside = master.partition("[")[2].split(",")[0].rstrip("]")
    return int(inside) if inside.isdigit() else os.cpu_count() or 1


def settings(master: str) -> dict[str, str]:
    """Spark settings for a wirewatch run on ``master`` (local ones pin Python and loopback)."""
    found = {
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.execution.arrow.pyspark.enabled": "true",
        "spark.python.worker.reuse": "true",  # one pipeline per worker, kept between tasks
    }
    if master.startswith("local"):
        path = os.pathsep.join(p for p in (SOURCE, os.environ.get("PYTHONPATH")) if p)
        found |= {
            "spark.executorEnv.PYTHONPATH": path,
            "spark.driver.host": "127.0.0.1",
            "spark.driver.bindAddress": "127.0.0.1",
            "spark.ui.enabled": "false",
            # Small joins (bands, links) on one machine: a shuffle part per core is plenty.
            "spark.sql.shuffle.partitions": str(cores(master)),
        }
    return found
