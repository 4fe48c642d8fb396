"""Burst stacks: photos grouped by near-identical difference hashes and close capture times, each
stack with its suggested pick (the sharpest well-exposed frame).

Fields on photo documents (videos, audio and photos not scored yet carry none of them):
`dhash` (16 hex digits), `sharpness` (float), `exposure` ("ok" | "highlights" | "shadows" |
"both") and `clipped` (share of clipped pixels, 0..1) are written by the scanner or the
backfill (media/scores.py, media/rescore.py); `stack` (a stack id, or None when alone),
`stack_size` (int, 1 when alone) and `best` (True for the suggested pick of a stack; False when
alone) are written here by `regroup`. Read them with `.get`: the catalog stores no field whose
value would be None on a document that never had it, so a photo never stacked has no `stack`.

Two photos are linked when (a) both have a capture time, at most WINDOW_SECONDS apart, and
their hashes differ in at most NEAR_BITS bits, or (b) either has no capture time and their
hashes differ in at most STRICT_BITS bits (hash only: stricter, since nothing else says they
are one moment). A stack is a connected group of links (so a burst that pans slowly chains).
Measured on generated bursts and bursts made from the corpus photos (tests/test_stacks_bursts.py,
README "Culling"): frames shifted 2 %, turned 1 degree, blurred or pushed a stop over differ
from each other in 0-14 bits, each linked to another frame of its burst within 12; different
photos, generated or real, differ in 17 or more (different people before one backdrop: 3-25).
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np

from liveassets.catalog.changes import SCAN, Change

SCORE_FIELDS = ("dhash", "sharpness", "exposure", "clipped")
STACK_FIELDS = ("stack", "stack_size", "best")
# Hash distances (bits of 64) that link two photos; see the module docstring for the data.
NEAR_BITS = 12
STRICT_BITS = 6
# Longest gap between two linked frames' capture times. EXIF DateTimeOriginal has whole
# seconds; bursts run several frames a second and a retaken pose follows within seconds. A
# design choice, not a measurement (the corpus holds no real event bursts), kept short because
# guests photographed in turn before one sponsor wall look alike to a 64-bit hash (measured:
# 3-25 bits apart) and a false stack hides a photo behind another.
WINDOW_SECONDS = 5.0
# Most photos one window may hold: phones shoot bursts at 10-30 frames a second, so 256
# covers 5 s of the fastest; more means the time is made up (see `_drop_crowded`).
MAX_FRAMES = 256
# How much more of the picture (share, 0..1) a frame may clip than the least clipped frame of
# its stack and still count as well exposed. Measured on the generated and corpus bursts
# (tests/test_stacks_bursts.py): shifted, turned and blurred frames clip within 0.3 % of their
# original; frames pushed 1-1.5 stops over clip 0-50 % more, and those within the margin
# are as good a pick (brighter, nothing more lost).
CLIP_MARGIN = 0.01
# Frames at least this share of their stack's best sharpness count as sharp. Measured: a blur of
# 1 % of the long edge leaves 0.2-5 % of the original's score (tests/test_scores.py), while
# 1.5 stops more light raises it 1.3-2.3 times (corpus photos), so a sharp original keeps at
# least 44 % of a brighter copy's score.
SHARP_SHARE = 0.25
_EPOCH = dt.datetime(1970, 1, 1)
_HEX = re.compile(r"[0-9a-f]{16}")
_BLOCK_CELLS = 4_000_000
_EXPOSURE_RANK = {"ok": 0, "highlights": 1, "shadows": 1, "both": 2}


def stackable(doc: dict) -> bool:
    """A photo with a hash (16 hex digits), whose file is (or was) readable: it takes part in
    stacks."""
    h = doc.get("dhash")
    return doc.get("kind") == "image" and isinstance(h, str) and _HEX.fullmatch(h) is not None \
        and doc.get("status") in ("ok", "missing")


def _seconds(taken) -> float:
    """ISO capture time -> seconds (NaN when absent or unreadable); offsets are ignored, only
    differences between photos matter."""
    if not isinstance(taken, str):
        return float("nan")
    try:
        moment = dt.datetime.fromisoformat(taken)
    except ValueError:
        return float("nan")
    return (moment.replace(tzinfo=None) - _EPOCH).total_seconds()


def _hash_array(docs: list[dict]) -> np.ndarray:
    return np.array([int(d["dhash"], 16) for d in docs], dtype=np.uint64)


def links(hashes: np.ndarray, times: np.ndarray, near: int = NEAR_BITS,
          strict: int = STRICT_BITS, window: float = WINDOW_SECONDS) -> np.ndarray:
    """Pairs (i, j), i < j, of linked photos as an (E, 2) int array.

    `hashes`: uint64 (N,); `times`: float seconds (N,), NaN when unknown. Vectorised: timed
    photos are sorted by time and each is compared with the following ones inside `window`
    (one numpy pass per offset); untimed ones are compared with everything in blocks (XOR and
    popcount, `np.bitwise_count`). Measured (2 cores, loaded): 2,000 timed photos ~20 ms for
    all of `compute` (tests/bench/bench_stacks.py), 50,000 ~1.2 s; each untimed photo costs a
    pass over all N (5,000 untimed among 50,000: ~3 s more)."""
    n = len(hashes)
    pairs: list[np.ndarray] = []
    times = _drop_crowded(np.asarray(times, dtype=np.float64), window)
    timed = np.flatnonzero(~np.isnan(times))
    if len(timed) > 1:
        order = timed[np.argsort(times[timed], kind="stable")]
        t, h = times[order], hashes[order]
        for k in range(1, min(len(order), MAX_FRAMES + 1)):
            close = (t[k:] - t[:-k]) <= window
            if not close.any():
                break  # sorted: a larger offset is never closer
            near_bits = np.bitwise_count(h[k:] ^ h[:-k]) <= near
            hit = np.flatnonzero(close & near_bits)
            if len(hit):
                pairs.append(np.stack([order[hit], order[hit + k]], axis=1))
    untimed = np.flatnonzero(np.isnan(times))
    block = max(1, _BLOCK_CELLS // max(1, n))  # rows per pass: ~32 MB of distances at most
    for start in range(0, len(untimed), block):
        rows = untimed[start:start + block]
        dist = np.bitwise_count(hashes[rows][:, None] ^ hashes[None, :])
        r, c = np.nonzero(dist <= strict)
        keep = rows[r] != c
        # a pair of two untimed photos is found from both sides: keep it once
        keep &= ~(np.isnan(times[c]) & (c < rows[r]))
        if keep.any():
            pairs.append(np.stack([rows[r][keep], c[keep]], axis=1))
    if not pairs:
        return np.zeros((0, 2), dtype=np.int64)
    return np.sort(np.concatenate(pairs), axis=1)


def _drop_crowded(times: np.ndarray, window: float) -> np.ndarray:
    """`times` with NaN for photos that have more than MAX_FRAMES others within `window`:
    no burst is that dense, so such a time is made up (a camera whose clock was never set, a
    copy tool that stamped one time on every file) and those photos are compared by hash only.
    This also keeps the per-offset passes in `links` under MAX_FRAMES."""
    ok = np.flatnonzero(~np.isnan(times))
    if len(ok) <= MAX_FRAMES:
        return times
    order = ok[np.argsort(times[ok], kind="stable")]
    t = times[order]
    ahead = np.searchsorted(t, t + window, side="right") - np.arange(len(t)) - 1
    behind = np.arange(len(t)) - np.searchsorted(t, t - window, side="left")
    crowded = (ahead + behind) > MAX_FRAMES
    if not crowded.any():
        return times
    out = times.copy()
    out[order[crowded]] = np.nan
    return out


def _components(n: int, pairs: np.ndarray) -> list[int]:
    """Union-find root of each of n items given linked pairs."""
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in pairs.tolist():
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return [root(i) for i in range(n)]


def _number(value, default: float) -> float:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) \
        else default


def rank(doc: dict) -> tuple:
    """Sort key of a stack's frames: best exposure class (ok, then one end clipped, then
    both), then the highest sharpness, then the earliest capture and path."""
    return (_EXPOSURE_RANK.get(doc.get("exposure"), 3), -_number(doc.get("sharpness"), -1.0),
            _order(doc))


def pick(members: list[dict]) -> dict:
    """The suggested pick of a stack: the sharpest well-exposed frame.

    Among the frames whose files are there (all, if none is) in the best exposure class
    present (see `rank`), those at least SHARP_SHARE as sharp as the sharpest; of these, those
    clipping at most CLIP_MARGIN more of the picture than the least clipped; of these, the
    sharpest. Why not simply the sharpest:
    the variance of the Laplacian grows with brightness (measured: a frame 1.5 stops over,
    3.4 % of it blown, scored 4,731 against its original's 2,508 at 0.4 %), so the brightest
    unflagged frame of a burst would win; and why sharpness first: blurring spreads clipped
    pixels out, so a blurred frame clips least."""
    present = [d for d in members if d.get("status") == "ok"] or members  # not a missing file
    top = min(_EXPOSURE_RANK.get(d.get("exposure"), 3) for d in present)
    frames = [d for d in present if _EXPOSURE_RANK.get(d.get("exposure"), 3) == top]
    sharpest = max(_number(d.get("sharpness"), 0.0) for d in frames)
    frames = [d for d in frames if _number(d.get("sharpness"), 0.0) >= SHARP_SHARE * sharpest]
    least = min(_number(d.get("clipped"), 0.0) for d in frames)
    frames = [d for d in frames if _number(d.get("clipped"), 0.0) <= least + CLIP_MARGIN]
    return min(frames, key=rank)


def _order(doc: dict) -> tuple:
    return (doc.get("taken") or "9999", doc.get("path") or "", doc.get("id") or "")


def compute(docs: list[dict]) -> dict[str, dict]:
    """Asset id -> {"stack", "stack_size", "best"} for every stackable document in `docs`.

    A stack's id is the asset id of its earliest member (capture time, then path), so it stays
    the same while that frame is in it."""
    docs = [d for d in docs if stackable(d)]
    hashes = _hash_array(docs)
    times = np.array([_seconds(d.get("taken")) for d in docs], dtype=np.float64)
    roots = _components(len(docs), links(hashes, times))
    groups: dict[int, list[dict]] = {}
    for doc, r in zip(docs, roots):
        groups.setdefault(r, []).append(doc)
    out: dict[str, dict] = {}
    for members in groups.values():
        if len(members) == 1:
            out[members[0]["id"]] = {"stack": None, "stack_size": 1, "best": False}
            continue
        sid = min(members, key=_order)["id"]
        chosen = pick(members)["id"]
        for d in members:
            out[d["id"]] = {"stack": sid, "stack_size": len(members), "best": d["id"] == chosen}
    return out


def regroup(catalog, ids=None, source: str = SCAN) -> Change:
    """Recompute every stack from the photos' hashes and capture times and write what changed
    (`stack`, `stack_size`, `best`), as one durable step announced from `source`.

    `ids` (optional iterable of asset ids): write only the stacks these photos are or were in
    (the scanner passes what it just scored); None rewrites every stack that changed. Photos
    that lost their hash (their file changed) leave their stack. Returns the Change (empty when
    nothing moved). Raises StorageError when the library cannot be written."""
    with catalog.lock:
        docs = catalog.all()
        fresh = compute(docs)
        values: dict[str, dict] = {}
        for d in docs:
            want = fresh.get(d["id"])
            if want is None:
                if any(d.get(k) is not None for k in STACK_FIELDS):
                    values[d["id"]] = {"stack": None, "stack_size": None, "best": None}
            elif any(d.get(k) != v for k, v in want.items()):
                values[d["id"]] = want
        if ids is not None:
            touched = _touched(catalog, set(ids), fresh)
            values = {a: v for a, v in values.items() if a in touched}
        return catalog.apply("Find stacks", values, source=source)


def _touched(catalog, ids: set[str], fresh: dict[str, dict]) -> set[str]:
    """`ids` plus every photo sharing an old or a new stack with one of them."""
    stacks = set()
    for aid in ids:
        if aid in catalog:
            stacks.add(catalog.get(aid).get("stack"))
        stacks.add((fresh.get(aid) or {}).get("stack"))
    stacks.discard(None)
    out = set(ids)
    for doc in catalog.all():
        if doc.get("stack") in stacks or (fresh.get(doc["id"]) or {}).get("stack") in stacks:
            out.add(doc["id"])
    return out


def members(catalog, stack_id: str) -> list[dict]:
    """The documents of one stack, suggested pick first, then by `rank` (best exposure, then
    sharpest). An unknown id gives []. The documents are the catalog's own: read only."""
    with catalog.lock:
        docs = [d for d in catalog.all() if d.get("stack") == stack_id]
    return sorted(docs, key=lambda d: (not d.get("best"), rank(d)))


def stacks_of(docs) -> dict[str, list[dict]]:
    """Stack id -> its member documents among `docs` (pick first), for documents in stacks."""
    out: dict[str, list[dict]] = {}
    for d in docs:
        if d.get("stack"):
            out.setdefault(d["stack"], []).append(d)
    for sid in out:
        out[sid].sort(key=lambda d: (not d.get("best"), rank(d)))
    return out
