"""Where a published post went: its public URL and the platform's own ID for it, parsed from
the URL, so the analytics exports (which name posts by that ID or URL) join back to the posts.

URL shapes, as the platforms link to a post (and as their analytics exports list them,
SPECS.md "Analytics exports"):
- TikTok: `https://www.tiktok.com/@handle/video/<19-digit id>` (`/photo/<id>` for photo
  posts); the ID is the number.
- Instagram: `https://www.instagram.com/p/<shortcode>/` or `/reel/<shortcode>/` (`/tv/`); the
  content export's Permalink column holds this URL, so the shortcode is the ID we keep.
- YouTube: `https://youtube.com/shorts/<11-char id>`, `watch?v=<id>`, `youtu.be/<id>`.
- X: `https://x.com/<handle>/status/<id>` (or twitter.com).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from liveassets.errors import UserError
from liveassets.shorten import shorten

_HOSTS = {
    "tiktok": ("tiktok.com",),
    "instagram": ("instagram.com",),
    "youtube": ("youtube.com", "youtu.be"),
    "x": ("x.com", "twitter.com"),
}
# Handles are ASCII letters, digits, "_" and "." (TikTok, Instagram; X without "."), and IDs
# are ASCII digits: re.ASCII keeps `\d` from taking "７" (a full-width seven), which no
# analytics export would ever join on. Patterns are matched whole (fullmatch).
_PATTERNS = {
    "tiktok": re.compile(r"/@[A-Za-z0-9_.]+/(?:video|photo)/(\d{8,25})/?", re.ASCII),
    "instagram": re.compile(r"/(?:[A-Za-z0-9_.]+/)?(?:p|reel|reels|tv)/([A-Za-z0-9_-]{5,40})/?",
                            re.ASCII),
    "youtube": re.compile(r"/(?:shorts|live|embed)/([A-Za-z0-9_-]{11})/?", re.ASCII),
    "x": re.compile(r"/(?:[A-Za-z0-9_]+|i/web)/status/(\d{5,25})/?", re.ASCII),
}
_SHOWN = 120  # characters of a refused URL quoted back: a message is one line, not a paste
_EXAMPLES = {
    "tiktok": "https://www.tiktok.com/@handle/video/7300000000000000001",
    "instagram": "https://www.instagram.com/reel/SHORTCODE/",
    "youtube": "https://youtube.com/shorts/VIDEOID1234",
    "x": "https://x.com/handle/status/1800000000000000000",
}


def post_id_from_url(platform: str, url: str) -> tuple[str, str]:
    """(clean URL, platform post ID) for a post's public URL on `platform`.

    The URL may lack its scheme and carry tracking queries (`?is_from_webapp=1`); those go.
    Raises UserError naming the URL and the expected shape when it is not a post link of that
    platform.
    """
    text = (url or "").strip()
    if not text:
        raise UserError("Give the post's public URL (copy it from the platform's Share > Copy link).")
    hosts = _HOSTS[platform]
    shown = shorten(text, _SHOWN)
    try:
        parts = urlsplit(text if "://" in text else "https://" + text)
        host = (parts.hostname or "").lower()
    except ValueError:  # "https://[::1/...": an unclosed bracket, a bad IPv6 address
        host = ""
    if not any(host == h or host.endswith("." + h) for h in hosts):
        raise UserError(f"{shown} is not a {hosts[0]} link: a {platform} post's URL looks like "
                        f"{_EXAMPLES[platform]}.")
    if platform == "youtube":
        if host.endswith("youtu.be"):
            found = re.fullmatch(r"/([A-Za-z0-9_-]{11})/?", parts.path, re.ASCII)
            post_id = found.group(1) if found else None
        elif parts.path.rstrip("/") == "/watch":
            post_id = (parse_qs(parts.query).get("v") or [None])[0]
            post_id = post_id if post_id and re.fullmatch(r"[A-Za-z0-9_-]{11}", post_id) else None
        else:
            found = _PATTERNS["youtube"].fullmatch(parts.path)
            post_id = found.group(1) if found else None
        clean = f"https://youtube.com/shorts/{post_id}" if post_id else None
    else:
        found = _PATTERNS[platform].fullmatch(parts.path)
        post_id = found.group(1) if found else None
        clean = f"https://{host}{parts.path}" if post_id else None
    if not post_id:
        raise UserError(f"{shown} is not a link to one {platform} post: it should look like "
                        f"{_EXAMPLES[platform]}.")
    return clean, post_id
