"""Copies and near-copies from the candidate pairs Spark found: the store's decisions, replayed.

``corpus.dedup.link_copies`` takes articles one at a time in the corpus order (day, then
id) and links each to the best earlier article it shares an LSH band with, through that
article's original; an article published before its group's original becomes the original.
Those decisions depend on the order, so they cannot be spread over executors. But they only
need the pairs that pass the threshold (found and scored in Spark) and the signatures of
the articles in them: the driver replays them here, in the same order, with the same rules,
so the links equal a local run's. Every article in no such pair is linked to its wire alone
(or to nothing), which Spark does without the driver.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from wirewatch.corpus import dedup
from wirewatch.corpus.db import Brief
from wirewatch.records import DuplicateLink


@dataclass(frozen=True, slots=True)
class Node:
    """An article in some kept pair: its signature and what its wire link is made from."""

    brief: Brief
    sig: dedup.Signature


@dataclass(frozen=True, slots=True)
class Pair:
    """``new`` shares a band with the earlier ``old`` and passes the threshold."""

    new: str
    old: str
    jaccard: float
    share: float


def replay(nodes: dict[str, Node], pairs: Iterable[Pair]) -> dict[str, DuplicateLink]:
    """The link of every article in ``nodes`` (those with none left out), by the store's rules."""
    earlier: dict[str, list[Pair]] = defaultdict(list)
    for pair in pairs:
        earlier[pair.new].append(pair)
    links: dict[str, DuplicateLink] = {}
    for article_id in sorted(nodes, key=lambda i: (nodes[i].brief.day, i)):
        node = nodes[article_id]
        best = max(earlier[article_id], key=lambda p: (p.share, p.jaccard, p.old), default=None)
        link = dedup.wire_link(node.brief) if best is None else _attach(links, nodes, node, best)
        if link is not None:
            links[article_id] = link
    return links


def _attach(
    links: dict[str, DuplicateLink], nodes: dict[str, Node], node: Node, best: Pair
) -> DuplicateLink | None:
    """Link to the group's original; an earlier article becomes the original of the group."""
    found = links.get(best.old)
    root_id = (found.original_id if found else None) or best.old
    root = nodes[root_id]
    if _earlier(node.sig, root.sig):
        _reroot(links, root, node)
        return dedup.wire_link(node.brief)
    wire, evidence = _wire_of(links, root_id, node.brief)
    return DuplicateLink(
        article_id=node.brief.id,
        original_id=root_id,
        kind="copy" if best.share >= dedup.COPY else "near",
        similarity=round(best.share, 4),
        jaccard=round(best.jaccard, 4),
        wire=wire,
        evidence=evidence,
    )


def _earlier(sig: dedup.Signature, root: dedup.Signature) -> bool:
    """Published before ``root`` (an unknown date is never earlier: first met stays first)."""
    if sig.published is None or root.published is None:
        return False
    return sig.published < root.published


def _reroot(links: dict[str, DuplicateLink], root: Node, node: Node) -> None:
    """``node`` was published before the group's original: it becomes the original."""
    jaccard, share = dedup.similarity(node.sig, root.sig)
    old_root, new_root = root.brief.id, node.brief.id
    for key, link in list(links.items()):
        if link.original_id == old_root:
            links[key] = replace(link, original_id=new_root)
    old = links.pop(old_root, None)
    brief = node.brief
    wire, evidence = (
        (brief.wire, brief.wire_evidence) if brief.wire or old is None else (old.wire, old.evidence)
    )
    links[old_root] = DuplicateLink(
        article_id=old_root,
        original_id=new_root,
        kind="copy" if share >= dedup.COPY else "near",
        similarity=round(share, 4),
        jaccard=round(jaccard, 4),
        wire=wire,
        evidence=evidence,
    )


def _wire_of(
    links: dict[str, DuplicateLink], root_id: str, brief: Brief
) -> tuple[str | None, str | None]:
    if brief.wire:
        return brief.wire, brief.wire_evidence
    found = links.get(root_id)
    if found is None or found.wire is None:
        return None, None
    return found.wire, f"original {root_id}: {found.evidence}"
