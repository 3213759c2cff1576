"""The corpus stages on PostgreSQL (``WIREWATCH_TEST_PG``; skipped with the reason without it,
required in CI): the same tests as on SQLite, each in a schema of its own."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from tests import test_corpus_claims as claims
from tests import test_corpus_dedup as dedup
from tests import test_corpus_merge as merge
from tests import test_corpus_stories as stories
from tests.test_postgres import fresh_schema

from wirewatch.store import Store

TESTS: tuple[Callable[[str], None], ...] = (
    dedup.test_a_copy_with_boilerplate_links_to_the_original,
    dedup.test_an_earlier_copy_stored_later_becomes_the_original,
    dedup.test_a_rewrite_keeping_names_numbers_and_quotes_is_found,
    dedup.test_running_again_changes_nothing,
    merge.test_two_reports_of_one_strike_merge_with_the_toll_conflict_kept,
    merge.test_copies_and_one_wire_count_as_one_source,
    merge.test_updating_again_or_reprocessing_never_counts_twice,
    claims.test_who_asserts_who_denies_and_when,
    claims.test_short_person_names_resolve_to_the_full_name_other_articles_give,
    stories.test_a_story_has_a_label_span_actors_and_places,
)


@pytest.fixture
def pg() -> Iterator[str]:
    with fresh_schema() as url:
        yield url


@pytest.mark.parametrize("check", TESTS, ids=lambda t: t.__name__)
def test_corpus_on_postgresql(pg: str, check: Callable[[str], None]) -> None:
    store = Store(pg)
    assert store.engine.dialect.name == "postgresql"
    store.close()
    check(pg)
