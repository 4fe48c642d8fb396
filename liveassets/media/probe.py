"""Fast facts about one media file (kind, display size, duration, codecs, time taken, camera,
GPS) without decoding pixels: Pillow headers + EXIF for photos, PyAV for video and audio."""

from __future__ import annotations

import math
import re
from datetime import datetime

import av
import pillow_heif
from PIL import Image

from liveassets import clock
from liveassets.media import errors
from liveassets.media.colour import colour_facts
from liveassets.media.duration import real_duration
from liveassets.media.errors import MediaError
from liveassets.media.formats import kind_for
from liveassets.media.jpeg_segments import open_image
from liveassets.media.mp4box import mp4_layout
from liveassets.media.pictures import (TURNED, frame_orientation,
                                       orientation_rotation)
from liveassets.media.xmp_location import clip_packet, gps_from_xmp

pillow_heif.register_heif_opener()

# Above this many pixels we refuse to decode. Pillow itself refuses at 2 x MAX_IMAGE_PIXELS
# (~179 MP) and only warns from ~89 MP, where real 100 MP cameras live.
MAX_PIXELS = 2 * (Image.MAX_IMAGE_PIXELS or 89_478_485)

_EXIF_IFD, _GPS_IFD = 0x8769, 0x8825
_ORIENTATION, _MAKE, _MODEL, _DATETIME = 0x0112, 0x010F, 0x0110, 0x0132
_DATETIME_ORIGINAL, _DATETIME_DIGITIZED = 0x9003, 0x9004
_MOV_FORMATS = ("mov", "mp4")  # substrings of container.format.name that mp4box understands


def probe(path: str) -> dict:
    """Facts about the photo, video or audio file at path (see module docstring).

    Raises MediaError (and nothing else) for missing, empty, damaged or unsupported files.
    """
    errors.check_readable(path)
    kind = kind_for(path)
    if kind == "image":
        return _probe_image(path)
    if kind in ("video", "audio"):
        return _probe_av(path, kind)
    raise MediaError("This file type is not a photo, video or audio format LiveAssets reads.")


def _facts(kind: str, fmt: str) -> dict:
    return {"kind": kind, "format": fmt, "width": None, "height": None, "orientation": None,
            "rotation": 0, "duration": None, "fps": None, "video_codec": None,
            "audio_codec": None, "has_audio": None, "taken": None, "camera": None, "gps": None,
            "hdr": None, "colour": None}


# ---------------------------------------------------------------- photos

def _probe_image(path: str) -> dict:
    try:
        with open_image(path) as im:
            width, height = im.size
            if width * height > MAX_PIXELS:
                raise errors.bomb(width * height)
            facts = _facts("image", im.format or "")
            try:
                exif = im.getexif()
                main, sub, gps = dict(exif), dict(exif.get_ifd(_EXIF_IFD)), exif.get_ifd(_GPS_IFD)
            except Exception:  # damaged EXIF: keep the photo, drop the facts
                main, sub, gps = {}, {}, {}
            # editors and geotagging tools may write the place only in XMP
            xmp = im.info.get("xmp") or im.info.get("XML:com.adobe.xmp")
            orientation = _int_or_none(main.get(_ORIENTATION))
            if im.info.get("original_orientation"):  # HEIF: size is already upright
                orientation = _int_or_none(im.info["original_orientation"])
            elif orientation in (5, 6, 7, 8):
                width, height = height, width
    except MediaError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise errors.bomb_from(exc, MAX_PIXELS) from None
    except Exception as exc:  # UnidentifiedImageError, OSError, SyntaxError, struct.error, ...
        raise errors.unreadable(path, "image", errors.detail(exc)) from None
    facts.update(width=width, height=height,
                 orientation=orientation if orientation and 1 <= orientation <= 8 else None)
    facts["taken"] = (_exif_time(sub.get(_DATETIME_ORIGINAL)) or
                      _exif_time(sub.get(_DATETIME_DIGITIZED)) or _exif_time(main.get(_DATETIME)))
    facts["camera"] = camera_name(main.get(_MAKE), main.get(_MODEL))
    facts["gps"] = _exif_gps(gps) or gps_from_xmp(xmp)
    return facts


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _clean(value) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return str(value or "").replace("\x00", " ").strip()


def camera_name(make, model) -> str | None:
    """"Make Model", without repeating the brand ("Canon Canon EOS 40D" -> "Canon EOS 40D")."""
    make, model = " ".join(_clean(make).split()), " ".join(_clean(model).split())
    if not make or not model:
        return (make or model) or None
    first = make.split()[0].lower()
    if model.lower().startswith((make.lower(), first)):
        return model
    return f"{make} {model}"


def _exif_time(value) -> str | None:
    """ "YYYY:MM:DD HH:MM:SS" (as EXIF writes it, with any separators) -> ISO, else None."""
    digits = re.findall(r"\d+", _clean(value))
    if len(digits) < 5:
        return None
    try:
        parts = [int(d) for d in digits[:6]] + [0] * (6 - len(digits[:6]))
        moment = datetime(*parts)
    except (ValueError, OverflowError):
        return None
    return moment.isoformat(timespec="seconds") if moment.year >= 1971 else None


def _exif_gps(gps) -> dict | None:
    try:
        lat, lon = _dms(gps.get(2), gps.get(1), "S"), _dms(gps.get(4), gps.get(3), "W")
        if lat is None or lon is None or abs(lat) > 90 or abs(lon) > 180 or (lat, lon) == (0, 0):
            return None
        alt = gps.get(6)
        alt = float(alt) if alt is not None else None
        if alt is not None and not math.isfinite(alt):
            alt = None
        if alt is not None and gps.get(5) in (1, b"\x01"):
            alt = -alt
        return {"lat": round(lat, 7), "lon": round(lon, 7),
                "alt": round(alt, 2) if alt is not None else None}
    except Exception:  # damaged GPS block: no GPS
        return None


def _dms(value, ref, negative: str) -> float | None:
    if value is None:
        return None
    parts = [float(v) for v in (value if isinstance(value, (tuple, list)) else [value])]
    parts += [0.0] * (3 - len(parts))
    degrees = parts[0] + parts[1] / 60 + parts[2] / 3600
    if not math.isfinite(degrees):
        return None
    return -degrees if _clean(ref).upper().startswith(negative) else degrees


# ---------------------------------------------------------------- video and audio

def _probe_av(path: str, kind: str) -> dict:
    layout = None
    if kind == "video" or path.lower().endswith(".m4a"):
        layout = mp4_layout(path)  # cheap box walk: display matrix, truncation
    cut_off = errors.VIDEO_TRUNCATED if kind == "video" else errors.FILE_TRUNCATED
    if layout is not None and layout.truncated:
        raise MediaError(cut_off)
    with errors.av_opened(path, kind, layout, cut_off) as container:
        return _av_facts(container, path, kind, layout)


def _av_facts(container, path: str, kind: str, layout) -> dict:
    videos = [s for s in container.streams.video
              if not (s.disposition & av.stream.Disposition.attached_pic)]
    audios = list(container.streams.audio)
    if not videos and not audios:
        raise MediaError("No picture or sound was found in this file; it may be damaged. "
                         "Check it plays in another app.")
    facts = _facts("video" if videos else "audio", container.format.name)
    facts["has_audio"] = bool(audios)
    if audios:
        facts["audio_codec"] = audios[0].codec_context.codec.canonical_name
    facts["duration"] = _duration(container, videos[0] if videos else audios[0])
    if videos:
        stream = videos[0]
        width, height = stream.codec_context.width, stream.codec_context.height
        if not width or not height:
            raise errors.unreadable(path, kind, "no picture size")
        sar = stream.sample_aspect_ratio
        if sar and sar > 0 and sar != 1:
            width = int(round(width * sar))
        orientation = layout.orientation if layout is not None else None
        if orientation is None:  # not MP4/MOV (e.g. Matroska): read it from the first frame
            orientation = _frame_orientation(container, stream)
        rotation = orientation_rotation(orientation)
        if orientation in TURNED:
            width, height = height, width
        rate = stream.average_rate or stream.guessed_rate or stream.base_rate
        # orientation: the display matrix as an EXIF-style 1..8 (mirrors included; a mirrored
        # selfie is 2), rotation: its clockwise turn alone.
        facts.update(width=width, height=height, rotation=rotation, orientation=orientation,
                     fps=round(float(rate), 3) if rate else None,
                     video_codec=stream.codec_context.codec.canonical_name)
        facts.update(colour_facts(stream.codec_context))
    meta = {k.lower(): v for k, v in container.metadata.items()}
    facts["taken"] = _av_time(meta)
    facts["camera"] = camera_name(
        meta.get("com.apple.quicktime.make") or meta.get("com.android.manufacturer")
        or meta.get("make"),
        meta.get("com.apple.quicktime.model") or meta.get("com.android.model")
        or meta.get("model"))
    facts["gps"] = (_iso6709(meta.get("com.apple.quicktime.location.iso6709")
                             or meta.get("location") or "")
                    or gps_from_xmp(clip_packet(path)))  # XMP only: read if nothing else
    return facts


def _duration(container, stream) -> float | None:
    """Seconds: the header's figure, or the demuxed length where the header gives none or an
    implausible one (media/duration.py)."""
    seconds = real_duration(container, stream)
    return round(seconds, 3) if seconds else None


def _frame_orientation(container, stream) -> int:
    """Display orientation 1..8 by decoding the first frame's display matrix: for non-MP4 files."""
    try:
        for frame in container.decode(stream):
            return frame_orientation(frame) or 1
    except Exception:
        return 1
    return 1


def _av_time(meta: dict) -> str | None:
    """Local wall-clock time the clip was shot: Apple's dated tag keeps its own offset;
    a UTC creation_time is converted to this computer's time zone."""
    for key in ("com.apple.quicktime.creationdate", "creation_time", "date"):
        text = _clean(meta.get(key)).replace("Z", "+00:00")
        if not text:
            continue
        text = re.sub(r"([+-]\d\d)(\d\d)$", r"\1:\2", text)
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            continue
        if moment.year < 1971:
            continue  # 0 in mvhd: "not set"
        if moment.tzinfo is not None and key == "creation_time":
            moment = moment.astimezone(clock.zone())  # the team's wall clock, as "today" is
        return moment.replace(tzinfo=None, microsecond=0).isoformat(timespec="seconds")
    return None


def _iso6709(text: str) -> dict | None:
    """ "+33.8688+151.2093+012.000/" -> {"lat", "lon", "alt"}; None when absent/invalid."""
    m = re.match(r"^([+-]\d+(?:\.\d+)?)([+-]\d+(?:\.\d+)?)([+-]\d+(?:\.\d+)?)?", text.strip())
    if not m:
        return None
    lat, lon = float(m.group(1)), float(m.group(2))
    if abs(lat) > 90 or abs(lon) > 180 or (lat, lon) == (0, 0):
        return None
    return {"lat": lat, "lon": lon, "alt": float(m.group(3)) if m.group(3) else None}
