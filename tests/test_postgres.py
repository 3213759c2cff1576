"""PostgreSQL: the store's own round trip and the REST API, on a server named by
``WIREWATCH_TEST_PG`` (``.ci/run`` starts one on 127.0.0.1 and sets it). Without it these tests
skip with the reason, except in CI where they must run.

Each test gets a schema of its own (dropped afterwards), so the database may hold other data.
"""

from __future__ import annotations

import contextlib
import os
import uuid
import warnings
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from tests.test_api import (
    build,
    test_actors_are_counted_and_filtered,
    test_article_detail_is_the_whole_record,
    test_article_list_has_counts_and_filters,
    test_event_filters,
    test_events_as_csv_and_geojson,
    test_events_carry_their_evidence_and_article,
    test_events_sort_and_page,
    test_every_error_has_one_shape,
    test_exports_hold_every_filtered_row_unless_limited,
    test_facets_list_filter_values,
    test_index_counts_what_is_stored,
    test_network_edges_weigh_events_and_tell_cooperation_from_conflict,
    test_places_are_counted_and_filtered,
    test_quote_filters,
    test_quotes_carry_records_and_export,
    test_stories_are_empty_with_a_note_until_the_corpus_stages_ran,
    test_timeline_counts_days_by_type,
)
from tests.test_store import (
    test_exports_in_every_format,
    test_round_trip_keeps_every_field,
    test_saving_again_replaces_analysis_and_keeps_raw,
    test_schema_version_is_checked,
)

from wirewatch.api import app as api
from wirewatch.store import Store, url_for

with warnings.catch_warnings():  # starlette suggests httpx2; httpx is what the project pins
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

ENV = "WIREWATCH_TEST_PG"
# Run here, on PostgreSQL, through this module's own ``db`` and ``client`` fixtures:
STORE_TESTS = (
    test_round_trip_keeps_every_field,
    test_saving_again_replaces_analysis_and_keeps_raw,
    test_schema_version_is_checked,
    test_exports_in_every_format,
)
API_TESTS = (
    test_index_counts_what_is_stored,
    test_article_list_has_counts_and_filters,
    test_article_detail_is_the_whole_record,
    test_event_filters,
    test_events_carry_their_evidence_and_article,
    test_events_sort_and_page,
    test_events_as_csv_and_geojson,
    test_exports_hold_every_filtered_row_unless_limited,
    test_quote_filters,
    test_quotes_carry_records_and_export,
    test_actors_are_counted_and_filtered,
    test_places_are_counted_and_filtered,
    test_timeline_counts_days_by_type,
    test_network_edges_weigh_events_and_tell_cooperation_from_conflict,
    test_facets_list_filter_values,
    test_stories_are_empty_with_a_note_until_the_corpus_stages_ran,
    test_every_error_has_one_shape,
)


def server() -> str:
    url = os.environ.get(ENV)
    if not url:
        message = (
            f"{ENV} is not set: give a PostgreSQL URL (postgresql://user:password@127.0.0.1/db); "
            ".ci/run starts a server and sets it"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return url


@contextlib.contextmanager
def fresh_schema() -> Iterator[str]:
    """A URL whose connections work in a new, empty schema; the schema is dropped after."""
    url = url_for(server())
    schema = f"wirewatch_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(url)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        scoped = sa.make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
        yield scoped.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def db() -> Iterator[str]:
    with fresh_schema() as url:
        yield url


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with fresh_schema() as url:
        build(url).close()
        with TestClient(api.create_app(url)) as test_client:
            yield test_client


def test_postgresql_urls_use_psycopg_3() -> None:
    assert url_for("postgresql://u:p@127.0.0.1/db") == "postgresql+psycopg://u:p@127.0.0.1/db"
    assert url_for("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert url_for("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"


def test_the_store_really_is_postgresql(db: str) -> None:
    store = Store(db)
    assert store.engine.dialect.name == "postgresql"
    assert store.engine.dialect.driver == "psycopg"
    store.close()


def test_store_and_api_tests_run_here_too() -> None:
    names = {t.__name__ for t in (*STORE_TESTS, *API_TESTS)}
    assert names <= set(globals())
