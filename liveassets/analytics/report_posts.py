"""The report's posts beyond their figures: each post's picture (a rights-cleared asset's cached
thumbnail, or the reason there is none) and the lines naming the week's posts without figures.
Shared by the PDF, the HTML page and the window."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from liveassets.analytics import report_words as words
from liveassets.media.pictures import to_srgb

THUMB_PX = 200              # ~210 dpi in the PDF's 24 mm box; 3x the window's 64 px tiles


def thumbnail(catalog, post: dict) -> Image.Image | None:
    """The post's picture: the cached thumbnail (catalog.thumb_path, else the asset's own
    "thumbnail" field) of its "thumbnail_asset_id", the first asset whose rights allow
    internal use (weekly.py decides with catalog/rights.py may_publish); upright, sRGB.
    None when there is none or it was withheld (`no_picture_text` says which)."""
    aid = post.get("thumbnail_asset_id")
    if catalog is None or not aid:
        return None
    candidates = [Path(catalog.thumb_path(aid))]
    try:
        cached = catalog.get(aid).get("thumbnail")
    except (ValueError, KeyError):
        cached = None
    if cached:
        candidates.append(Path(catalog.folder) / cached)
    for path in candidates:
        try:
            with Image.open(path) as im:
                im.draft("RGB", (THUMB_PX, THUMB_PX))
                im = to_srgb(im).convert("RGB")
                im.thumbnail((THUMB_PX, THUMB_PX))
                return im
        except OSError:
            continue
    return None


def no_picture_text(post: dict) -> str:
    """What stands in for a missing picture: why it was withheld ("crowd.jpg: restricted"),
    else "no preview"."""
    return str(post.get("thumbnail_withheld") or "") or "no preview"


def no_figures_lines(figures: dict, catalog) -> list[str]:
    """One line per post published in the week with no figures yet: its time (team zone),
    platform and caption from the library (the post ID when the library no longer has it)."""
    ids = figures.get("no_figures") or []
    store = None
    if catalog is not None and ids:
        from liveassets.publish.posts import PostStore

        store = PostStore(catalog)
    lines = []
    for pid in ids:
        if isinstance(pid, dict):       # a post dict instead of an id: use what it says
            lines.append(f"{words.when(pid.get('published_at'), figures)} · "
                         f"{words.platform_name(pid.get('platform', ''))} · "
                         f"{pid.get('caption') or pid.get('post_id') or ''}")
            continue
        try:
            post = store.get(pid) if store is not None else None
        except Exception:  # noqa: BLE001 - a deleted post: name its ID rather than fail
            post = None
        if post is None:
            lines.append(f"post {pid}")
            continue
        at = post.published_at or (post.scheduled.isoformat() if post.scheduled else None)
        lines.append(f"{words.when(at, figures)} · {words.platform_name(post.platform)}"
                     f"{' · @' + post.account if post.account else ''} · "
                     f"{post.body or post.title or '(no caption)'}")
    return lines
