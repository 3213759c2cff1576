"""Near-duplicates and rewrites: which stored article copies, edits or rewrites which.

Every article gets a MinHash signature of its word 4-grams (datasketch). The signature is
cut into LSH bands whose hashes are stored (``lsh_bands``): a new article is compared only
with the stored articles that share a band with it, never with the whole store, so checking
one article costs the same in a store of a thousand or a million.

A candidate is linked when the share of the shorter text found in the other (estimated from
the signatures) reaches the threshold: ``copy`` from 0.9 on, else ``near``. Every article of
a group links to one original, the earliest published. Rewrites keep names, numbers and
quotes but few word runs; ``rewrites`` looks for them among the articles of the same story.
An article whose text shows its wire (ingest records it with the evidence) and that copies
no stored article is linked to the wire alone (kind ``wire``).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from wirewatch.corpus import text as textual
from wirewatch.corpus.db import Brief, upsert
from wirewatch.records import DuplicateLink
from wirewatch.store.schema import article_links, lsh_bands, signatures

if TYPE_CHECKING:
    from datasketch import MinHash  # type: ignore[import-untyped,unused-ignore]

NUM_PERM = 128
#: Jaccard similarity from which LSH finds a pair with high probability (fewer bands above).
LSH_THRESHOLD = 0.4
SEED = 1
COPY = 0.9
#: A rewrite appears at most this many days after what it rewrites.
REWRITE_DAYS = 3
#: Fewest facts (names, numbers, quoted word pairs) both articles need to tell a rewrite.
MIN_FACTS = 8
Hashes = npt.NDArray[np.uint32]


@dataclass(frozen=True, slots=True)
class Signature:
    article_id: str
    published: dt.date | None
    minhash: Hashes
    shingles: int
    facts: Hashes


def signature(brief: Brief) -> Signature:
    """The MinHash of the article's word 4-grams and the hashes of its facts.

    Shingles are hashed with CRC-32 (C speed, the same in every process); MinHash's random
    permutations of those hashes do the mixing.
    """
    shingles = textual.shingles(brief.text)
    sketch = _empty().copy()
    sketch.update_batch(list(shingles))
    values = sketch.hashvalues.astype(np.uint32)
    return Signature(brief.id, brief.published, values, len(shingles), textual.facts(brief.text))


@functools.cache
def _empty() -> MinHash:
    """An empty MinHash: copies of it share its permutations (slow to draw every time).

    datasketch is imported here, not above: it brings SciPy (~1 s), which the read commands
    that import this package never need.
    """
    from datasketch import MinHash  # type: ignore[import-untyped,unused-ignore]

    return MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=zlib.crc32)


@functools.cache
def _ranges() -> tuple[tuple[int, int], ...]:
    from datasketch import MinHashLSH  # type: ignore[import-untyped,unused-ignore]

    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    return tuple(lsh.hashranges)


def band_keys(minhash: Hashes) -> list[int]:
    """One signed 64-bit key per LSH band: the band number and its values, hashed."""
    keys = []
    for number, (start, end) in enumerate(_ranges()):
        data = number.to_bytes(2, "big") + minhash[start:end].astype("<u4").tobytes()
        digest = hashlib.blake2b(data, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


def similarity(a: Signature, b: Signature) -> tuple[float, float]:
    """(Jaccard, share of the smaller shingle set found in the larger), both estimated."""
    jaccard = float(np.mean(a.minhash == b.minhash))
    smaller = min(a.shingles, b.shingles)
    if not smaller:
        return jaccard, 0.0
    shared = jaccard * (a.shingles + b.shingles) / (1 + jaccard)
    return jaccard, min(1.0, shared / smaller)


def index(conn: Connection, sig: Signature, keys: Sequence[int]) -> None:
    """Store the signature of an article never indexed before, and its band keys."""
    row = {
        "article_id": sig.article_id,
        "published": sig.published,
        "minhash": sig.minhash.astype("<u4").tobytes(),
        "shingles": sig.shingles,
        "facts": sig.facts.astype("<u4").tobytes(),
    }
    conn.execute(signatures.insert(), [row])
    rows = [{"key": k, "article_id": sig.article_id} for k in sorted(set(keys))]
    conn.execute(lsh_bands.insert(), rows)


def load(conn: Connection, ids: Sequence[str]) -> dict[str, Signature]:
    query = sa.select(signatures).where(signatures.c.article_id.in_(list(ids)))
    return {row.article_id: _signature(row._mapping) for row in conn.execute(query)}


def _signature(row: sa.RowMapping) -> Signature:
    return Signature(
        row["article_id"],
        row["published"],
        np.frombuffer(row["minhash"], dtype="<u4").astype(np.uint32),
        int(row["shingles"]),
        np.frombuffer(row["facts"], dtype="<u4").astype(np.uint32),
    )


def candidates(conn: Connection, sig: Signature, keys: Sequence[int]) -> list[Signature]:
    """Stored articles sharing at least one LSH band key with ``sig`` (itself excluded)."""
    query = sa.select(lsh_bands.c.article_id).where(lsh_bands.c.key.in_(list(keys))).distinct()
    ids = [i for i in conn.scalars(query) if i != sig.article_id]
    return list(load(conn, ids).values()) if ids else []


def link_copies(conn: Connection, brief: Brief, threshold: float) -> DuplicateLink | None:
    """Index ``brief`` (never indexed before) and link it to the original it copies, or to
    its wire, or to nothing."""
    sig = signature(brief)
    keys = band_keys(sig.minhash)
    best = _best(sig, candidates(conn, sig, keys), threshold)
    index(conn, sig, keys)
    link = wire_link(brief) if best is None else _attach(conn, brief, sig, best)
    if link is not None:
        save(conn, link)
    return link


def _best(
    sig: Signature, found: Sequence[Signature], threshold: float
) -> tuple[Signature, float, float] | None:
    scored = [(other, *similarity(sig, other)) for other in found]
    kept = [s for s in scored if s[2] >= threshold]
    return max(kept, key=lambda s: (s[2], s[1], s[0].article_id)) if kept else None


def _attach(
    conn: Connection, brief: Brief, sig: Signature, best: tuple[Signature, float, float]
) -> DuplicateLink | None:
    """Link to the group's original; an earlier article becomes the original of the group."""
    other, jaccard, share = best
    root_id = original_of(conn, other.article_id) or other.article_id
    root = load(conn, [root_id])[root_id] if root_id != other.article_id else other
    kind = "copy" if share >= COPY else "near"
    if _earlier(sig, root):
        _reroot(conn, root, sig, brief)
        return wire_link(brief)
    wire, evidence = _wire_of(conn, root_id, brief)
    return DuplicateLink(
        article_id=brief.id,
        original_id=root_id,
        kind=kind,
        similarity=round(share, 4),
        jaccard=round(jaccard, 4),
        wire=wire,
        evidence=evidence,
    )


def _earlier(sig: Signature, root: Signature) -> bool:
    """Published before ``root`` (an unknown date is never earlier: first stored stays first)."""
    if sig.published is None or root.published is None:
        return False
    return sig.published < root.published


def _reroot(conn: Connection, root: Signature, sig: Signature, brief: Brief) -> None:
    """``sig`` was published before the group's original: it becomes the original."""
    jaccard, share = similarity(sig, root)
    group = article_links.c.original_id == root.article_id
    conn.execute(article_links.update().where(group).values(original_id=sig.article_id))
    old = conn.execute(
        sa.select(article_links.c.wire, article_links.c.evidence).where(
            article_links.c.article_id == root.article_id
        )
    ).first()
    wire, evidence = (brief.wire, brief.wire_evidence) if brief.wire or old is None else old
    link = DuplicateLink(
        article_id=root.article_id,
        original_id=sig.article_id,
        kind="copy" if share >= COPY else "near",
        similarity=round(share, 4),
        jaccard=round(jaccard, 4),
        wire=wire,
        evidence=evidence,
    )
    conn.execute(article_links.delete().where(article_links.c.article_id == root.article_id))
    save(conn, link)


def wire_link(brief: Brief) -> DuplicateLink | None:
    """An article that copies nothing stored but names its wire is derived from that wire."""
    if not brief.wire:
        return None
    evidence = brief.wire_evidence or ""
    in_dateline = brief.dateline is not None and f"({brief.wire})" in brief.dateline
    if not in_dateline:
        evidence = f"{evidence} [no {brief.wire} dateline: rewritten or edited from {brief.wire}]"
    return DuplicateLink(
        article_id=brief.id,
        original_id=None,
        kind="wire",
        similarity=1.0,
        wire=brief.wire,
        evidence=evidence.strip(),
    )


def _wire_of(conn: Connection, root_id: str, brief: Brief) -> tuple[str | None, str | None]:
    if brief.wire:
        return brief.wire, brief.wire_evidence
    query = sa.select(article_links.c.wire, article_links.c.evidence).where(
        article_links.c.article_id == root_id
    )
    row = conn.execute(query).first()
    if row is None or row.wire is None:
        return None, None
    return row.wire, f"original {root_id}: {row.evidence}"


def original_of(conn: Connection, article_id: str) -> str | None:
    query = sa.select(article_links.c.original_id).where(article_links.c.article_id == article_id)
    return conn.execute(query).scalar()


def save(conn: Connection, link: DuplicateLink) -> None:
    row = {
        "article_id": link.article_id,
        "original_id": link.original_id,
        "kind": link.kind,
        "similarity": link.similarity,
        "jaccard": link.jaccard,
        "wire": link.wire,
        "evidence": link.evidence,
    }
    upsert(conn, article_links, [row])


def link_rewrite(
    conn: Connection, brief: Brief, peers: Sequence[str], threshold: float, days: int = REWRITE_DAYS
) -> DuplicateLink | None:
    """Link ``brief`` as a rewrite of the peer (an article of its story) whose facts it keeps.

    A rewrite shares at least ``threshold`` of the facts (names, numbers, quoted words) of
    the one with fewer (both having MIN_FACTS at least), was published within ``days`` of it,
    and is no copy already.
    """
    if original_of(conn, brief.id) is not None or not peers:
        return None
    own_copies = set(
        conn.scalars(
            sa.select(article_links.c.article_id).where(article_links.c.original_id == brief.id)
        )
    )
    found = load(conn, [brief.id, *(p for p in peers if p not in own_copies)])
    own = found.pop(brief.id, None)
    if own is None or len(own.facts) < MIN_FACTS:
        return None
    fit = [p for p in found.values() if _near(own, p, days) and len(p.facts) >= MIN_FACTS]
    best = max(
        ((*textual.overlap(own.facts, p.facts), p) for p in fit),
        key=lambda s: (s[1], s[0], s[2].article_id),
        default=None,
    )
    if best is None or best[1] < threshold or best[0] < threshold / 2:
        return None
    root_id = original_of(conn, best[2].article_id) or best[2].article_id
    if root_id == brief.id:
        return None
    wire, evidence = _wire_of(conn, root_id, brief)
    link = DuplicateLink(
        article_id=brief.id,
        original_id=root_id,
        kind="rewrite",
        similarity=round(best[1], 4),
        jaccard=round(best[0], 4),
        wire=wire,
        evidence=evidence,
    )
    save(conn, link)
    return link


def _near(own: Signature, other: Signature, days: int) -> bool:
    """``other`` came first (or the same day) and at most ``days`` before ``own``."""
    if own.published is None or other.published is None:
        return True
    return 0 <= (own.published - other.published).days <= days


def read(conn: Connection, limit: int | None = None) -> list[DuplicateLink]:
    """Every link, grouped by original (articles derived from a wire alone last)."""
    query = (
        sa.select(article_links)
        .order_by(article_links.c.original_id.is_(None), article_links.c.original_id)
        .order_by(article_links.c.article_id)
        .limit(limit)
    )
    return [DuplicateLink(**{k: v for k, v in row._mapping.items()}) for row in conn.execute(query)]
