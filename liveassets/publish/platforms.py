"""Each platform's caption rules (SPECS.md): unit, limits, hashtag and mention caps."""

from __future__ import annotations

from dataclasses import dataclass

PLATFORMS = ("tiktok", "instagram", "youtube", "x")
DEFAULT_PLATFORM = "tiktok"
NAMES = {"tiktok": "TikTok", "instagram": "Instagram", "youtube": "YouTube Shorts", "x": "X"}
UNIT_NAMES = {"utf16": "UTF-16 units", "chars": "characters", "bytes": "bytes",
              "x_weighted": "weighted characters"}


@dataclass(frozen=True)
class Rules:
    platform: str
    unit: str                    # utf16 | chars | bytes | x_weighted
    limit: int                   # caption / description
    title_limit: int | None = None
    hashtag_limit: int | None = None
    mention_limit: int | None = None
    forbidden: str = ""          # characters the platform refuses (YouTube: < >)
    mention_pattern: str = r"[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?"
    mention_max: int = 30


RULES = {
    # TikTok Content Posting API: video caption 2,200 UTF-16 units; photo description 4,000, title 90.
    "tiktok": Rules("tiktok", "utf16", 2200, title_limit=None, mention_max=24),
    "tiktok_photo": Rules("tiktok", "utf16", 4000, title_limit=90, mention_max=24),
    # Meta Graph API: 2,200 characters, 30 hashtags, 20 mentions.
    "instagram": Rules("instagram", "chars", 2200, hashtag_limit=30, mention_limit=20),
    # YouTube Data API: description 5,000 bytes, no < or >; title 100 characters.
    "youtube": Rules("youtube", "bytes", 5000, title_limit=100, forbidden="<>"),
    "x": Rules("x", "x_weighted", 280, mention_pattern=r"[A-Za-z0-9_]+", mention_max=15),
}


def rules_for(platform: str, photo: bool = False) -> Rules:
    platform = check_platform(platform)
    if platform == "tiktok" and photo:
        return RULES["tiktok_photo"]
    return RULES[platform]


def check_platform(platform: str | None) -> str:
    from liveassets.errors import UserError

    name = (platform or DEFAULT_PLATFORM).strip().lower()
    name = {"twitter": "x", "ig": "instagram", "yt": "youtube", "shorts": "youtube",
            "youtube shorts": "youtube"}.get(name, name)
    if name not in PLATFORMS:
        raise UserError(f'Unknown platform "{platform}": use one of {", ".join(PLATFORMS)}.')
    return name
