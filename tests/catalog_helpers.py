"""Builds catalogs of made-up asset documents for tests and benchmarks (no media files)."""

from __future__ import annotations

import random

from liveassets.catalog.schema import new_asset

KINDS = ("image", "image", "image", "video")
STATUSES = ("unknown", "pending", "cleared", "internal", "restricted")


def fake_assets(n: int, seed: int = 1, root: str = "/events") -> list[dict]:
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        kind = KINDS[i % len(KINDS)]
        ext = "mov" if kind == "video" else "jpg"
        path = f"{root}/night{i % 7}/IMG_{i:05d}.{ext}"
        doc = new_asset(path, kind, 1000 + i, 1_700_000_000.0 + i, f"{1000 + i}:{i:032x}")
        doc.update(
            width=rng.choice((1080, 1920, 4032)), height=rng.choice((1080, 1920, 3024)),
            duration=round(rng.uniform(2, 90), 2) if kind == "video" else None,
            taken=f"2026-11-{1 + i % 28:02d}T{18 + i % 4}:{i % 60:02d}:00",
            camera="Apple iPhone 15 Pro", rating=i % 6,
            tags=[f"campaign:LIVE Fest {2024 + i % 3}", f"creator:@host{i % 50}", "type:recap"]
            + (["x"] if i % 7 == 0 else []),
            caption=f"Crowd shot {i} at the main stage",
        )
        doc["rights"].update(status=STATUSES[i % len(STATUSES)],
                             expires="2026-12-31" if i % 3 == 0 else None, credit=f"Photo: host{i % 50}")
        docs.append(doc)
    return docs


def fill(catalog, n: int, seed: int = 1) -> list[str]:
    docs = fake_assets(n, seed)
    catalog.apply("Fill", {d["id"]: d for d in docs})
    return [d["id"] for d in docs]
