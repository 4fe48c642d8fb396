"""The channels a file's rights may limit it to: our posting platforms' ids (the same ids as
publish/platforms.py PLATFORMS; the catalog may not import publish, so a test keeps the two
equal), how people spell them, and how a limit reads in a sentence ("TikTok only").

A rights record's `channels` is a list of these ids in this order; an empty list (or no field,
as in every library written before channels existed) means every channel.
"""

from __future__ import annotations

import re
import unicodedata

CHANNELS = ("tiktok", "instagram", "youtube", "x")
NAMES = {"tiktok": "TikTok", "instagram": "Instagram", "youtube": "YouTube", "x": "X"}
# Words that mean "no limit" when typed for the channels (`--channels all`).
# "Social media" names every social platform, so every one of ours.
EVERY = frozenset({"all", "any", "every", "everywhere", "every channel", "all channels",
                   "any channel", "all platforms", "any platform", "every platform",
                   "social media", "all social media", "any social media", "socials",
                   "all socials", "all social platforms", "all social channels"})

# A platform's name as people write it, normalised (casefolded, spaces collapsed, "-"/"_"
# as spaces), after a product word ("Reels", "Shorts") is dropped.
_SPELLINGS = {
    "tiktok": "tiktok", "tik tok": "tiktok",
    "instagram": "instagram",
    "youtube": "youtube", "you tube": "youtube",
    "x": "x", "twitter": "x", "x twitter": "x", "twitter x": "x", "x.com": "x",
    "twitter.com": "x", "tiktok.com": "tiktok", "instagram.com": "instagram",
    "youtube.com": "youtube",
    # the short names people write in forms and chats (Australian usage: "Insta", "IG", "TT")
    "insta": "instagram", "ig": "instagram", "tt": "tiktok", "yt": "youtube",
}
# Formats inside a platform ("Instagram Reels", "YouTube Shorts", "TikTok LIVE"): the platform.
_PRODUCTS = r"(reels?|stories|story|shorts?|feed|posts?|live|videos?|photos?|ads?|organic)"


def _norm(text) -> str:
    text = unicodedata.normalize("NFKC", str(text or "")).casefold()
    text = re.sub(r"\(([^)]*)\)", r" \1 ", text)        # "X (Twitter)" -> "x twitter"
    text = re.sub(r"[\s_\-&+:!]+", " ", text).strip(" .'\"")  # "Reels & Stories"
    return text


def means_every(text) -> bool:
    """"All", "All platforms", "Social media": no limit."""
    return _norm(text) in EVERY


def channel_id(text) -> str | None:
    """The platform id a person's spelling names ("TikTok", "Instagram Reels", "YouTube
    Shorts", "Twitter", "X (Twitter)" -> tiktok, instagram, youtube, x), or None when it names
    none of ours ("website", "billboard", "insta")."""
    words = [w for w in _norm(text).split(" ") if w not in ("only", "just")]  # "TikTok only"
    norm = " ".join(words)
    if norm in _SPELLINGS:
        return _SPELLINGS[norm]
    while len(words) > 1 and re.fullmatch(_PRODUCTS, words[-1]):
        words.pop()  # "instagram reels", "tiktok live ads"
        if " ".join(words) in _SPELLINGS:
            return _SPELLINGS[" ".join(words)]
    return None


def split(value) -> list[str]:
    """A typed list ("tiktok,instagram", "TikTok and Instagram", "Twitter/X") or a list -> its
    entries."""
    if value is None:
        return []
    items = value if isinstance(value, (list, tuple, set, frozenset)) else [value]
    out = []
    for item in items:
        text = re.sub(r"\(([^)]*)\)", _aside, str(item))  # "Instagram (Reels & Stories)"
        out += [p.strip() for p in re.split(r"[,;|/\n]+|\band\b|&|\+", text) if p.strip()]
    return out


def _aside(m: re.Match) -> str:
    """A bracketed aside: kept when it names a platform ("X (Twitter)"), else dropped
    ("Instagram (Reels & Stories)": its "&" must not split the entry)."""
    return f" {m.group(1)}" if channel_id(m.group(1)) else ""


def ordered(ids) -> list[str]:
    """Ids once each, in CHANNELS order."""
    have = set(ids)
    return [c for c in CHANNELS if c in have]


def channels_of(rights: dict | None) -> frozenset | None:
    """The channels a rights record allows: a set of ids, or None for every channel (no field,
    an empty list). A record edited by hand is read strictly, never as "every channel": text
    ("tiktok") is read as typed, values not in CHANNELS are ignored, and a value naming none of
    ours (or of another type) allows none (an empty set)."""
    listed = (rights or {}).get("channels")
    if not listed:
        return None
    if isinstance(listed, str):
        listed = [channel_id(p) for p in split(listed)]
    if not isinstance(listed, (list, tuple)):
        return frozenset()
    return frozenset(c for c in listed if c in CHANNELS)


def describe(ids) -> str:
    """How a limit reads: ["tiktok"] -> "TikTok only"; ["tiktok", "instagram"] -> "TikTok and
    Instagram only"; None (no limit) -> "every channel"; an empty set (a render whose sources
    share none) -> "no channel"."""
    if ids is None:
        return "every channel"
    names = [NAMES[c] for c in ordered(ids)]
    if not names:
        return "no channel"
    if len(names) == 1:
        return f"{names[0]} only"
    return f"{', '.join(names[:-1])} and {names[-1]} only"


def name(channel: str) -> str:
    """A platform id as people say it ("instagram" -> "Instagram")."""
    return NAMES.get(channel, channel)


def choices() -> str:
    """"tiktok, instagram, youtube or x" for an error line."""
    return ", ".join(CHANNELS[:-1]) + " or " + CHANNELS[-1]
