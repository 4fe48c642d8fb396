"""Writes the demo campaign (a LIVE creator meetup: stage, crowd and creator photos with real
EXIF, phone clips with sound, a music bed) into a folder; seeded, so every run is identical."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from liveassets.demo import scenes as art
from liveassets.media.writers import RATE, tone, write_audio, write_clip

CAMPAIGN = "LIVE Creator Meetup Sydney 2026"
SYDNEY, MELBOURNE = (-33.8747, 151.1982), (-37.8102, 144.9628)
OFFSET = "+11:00"  # AEDT, both cities in November
ACTS = ["DJ NOVA", "LIVE Fest", "MC JUNO", "The Lanterns", "Creator Awards", "DJ NOVA b2b KAI"]
HANDLES = ["@mika.live", "@kai.creates", "@zoe.streams", "@tomsplays", "@ari.dance",
           "@nina.cooks", "@leo.fits", "@sunny.sings"]
CAMERAS = {"sony": ("SONY", "ILCE-7M4"), "iphone": ("Apple", "iPhone 15 Pro"),
           "samsung": ("samsung", "Galaxy S24 Ultra")}
FPS = 25


def write_demo(folder: str) -> list[str]:
    """Write the demo campaign into folder (created if needed); return the paths written.

    Every item has its own seeded generator, so the bytes are the same on every run (with
    the same Pillow/FFmpeg builds) even though items are made on a few threads.
    """
    root = Path(folder)
    root.mkdir(parents=True, exist_ok=True)
    jobs = [(_clip, root, i, spec) for i, spec in enumerate(_clip_plan())]
    jobs += [(_photo, root, i, spec) for i, spec in enumerate(_photo_plan())]
    jobs += [(_posters, root, 0, None), (_bed, root, 0, None)]
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        results = list(pool.map(lambda job: job[0](*job[1:]), jobs))
    written = []
    for result in results:
        written += result if isinstance(result, list) else [result]
    return sorted(str(p) for p in written)


def _bed(root: Path, _index: int, _spec) -> str:
    return write_audio(str(root / "music" / "bed.m4a"), _music_bed(8.0),
                       metadata={"title": "Meetup bed (demo)", "artist": "LiveAssets"})


# ---------------------------------------------------------------- photos

def _photo_plan() -> list[dict]:
    plan = []
    groups = [("Stage", "stage", "sony", 12, {4: 6, 9: 8}, False, (21, 18, 40), 14),
              ("Crowd", "crowd", "iphone", 10, {2: 6, 7: 6}, False, (21, 18, 32), 19),
              ("Creators", "creator", "samsung", 12, {1: 6, 4: 8, 6: 6, 10: 8}, True,
               (21, 18, 10), 9),
              ("Melbourne Pop-up", "popup", "iphone", 8, {3: 6}, False, (28, 17, 10), 14)]
    number = {"sony": 4210, "iphone": 512, "samsung": 0}
    for folder, scene, camera, count, sideways, portrait, start, step in groups:
        for i in range(count):
            upright_portrait = portrait or i in sideways
            when = datetime(2026, 11, *start) + timedelta(minutes=step * i, seconds=37 * i % 60)
            number[camera] += 1 + i % 3
            name = {"sony": f"DSC0{number['sony']}.JPG", "iphone": f"IMG_{number['iphone']:04d}.JPG",
                    "samsung": when.strftime("%Y%m%d_%H%M%S") + ".jpg"}[camera]
            plan.append({"path": f"{CAMPAIGN}/{folder}/{name}", "scene": scene, "camera": camera,
                         "size": (1200, 1600) if upright_portrait else (1600, 1200),
                         "orientation": sideways.get(i, 1), "when": when,
                         "gps": MELBOURNE if folder.startswith("Melbourne") else
                         (SYDNEY if camera != "sony" else None)})
    return plan


def _render(index: int, spec: dict) -> Image.Image:
    """The upright picture of photo number index of the plan."""
    rng = np.random.default_rng(1000 + index)
    w, h = spec["size"]
    palette = art.PALETTES[int(rng.integers(0, len(art.PALETTES)))]
    label = {"stage": ACTS, "crowd": ["", "LIVE Fest", "", "Make some noise!"],
             "creator": HANDLES, "popup": ["LIVE Pop-up · Melbourne"]}[spec["scene"]]
    return getattr(art, spec["scene"])(rng, w, h, label[index % len(label)], palette)


def _photo(root: Path, index: int, spec: dict) -> Path:
    picture = _render(index, spec)
    # A camera held sideways stores the picture turned; EXIF orientation turns it back.
    store = {6: Image.Transpose.ROTATE_90, 8: Image.Transpose.ROTATE_270}.get(spec["orientation"])
    if store is not None:
        picture = picture.transpose(store)
    path = root / spec["path"]
    path.parent.mkdir(parents=True, exist_ok=True)
    picture.save(path, "JPEG", quality=84, exif=_exif(spec).tobytes())
    return path


def _exif(spec: dict) -> Image.Exif:
    make, model = CAMERAS[spec["camera"]]
    stamp = spec["when"].strftime("%Y:%m:%d %H:%M:%S")
    exif = Image.Exif()
    exif.update({0x0112: spec["orientation"], 0x010F: make, 0x0110: model, 0x0132: stamp,
                 0x0131: "LiveAssets demo"})
    if spec["camera"] == "sony":
        exif.update({0x013B: "Jordan Lee", 0x8298: "(c) 2026 Jordan Lee Photography"})
    sub = exif.get_ifd(0x8769)
    sub.update({0x9003: stamp, 0x9004: stamp, 0x9011: OFFSET, 0x9010: OFFSET})
    if spec["gps"]:
        lat, lon = spec["gps"]
        jitter = (spec["when"].minute % 7) * 0.00011
        gps = exif.get_ifd(0x8825)
        gps.update({0: b"\x02\x03\x00\x00", 1: "S" if lat < 0 else "N", 2: _dms(lat + jitter),
                    3: "E" if lon >= 0 else "W", 4: _dms(lon - jitter), 5: 0, 6: 12.0})
    return exif


def _dms(value: float) -> tuple[float, float, float]:
    value = abs(value)
    degrees, minutes = int(value), int(abs(value) * 60) % 60
    return float(degrees), float(minutes), round((value * 3600) % 60, 3)


def _posters(root: Path, _index: int, _spec) -> list[Path]:
    folder = root / CAMPAIGN
    lineup = art.poster(1080, 1350, "LIVE Creator Meetup", ["Sydney · 21 Nov 2026"] + HANDLES,
                        art.PALETTES[0])
    logo = art.poster(800, 320, "LIVE Fest", [], art.PALETTES[1], alpha=True)
    paths = [folder / "Creators" / "creator-lineup.png", folder / "Stage" / "sponsor-logo.png"]
    for picture, path in zip((lineup, logo), paths):
        path.parent.mkdir(parents=True, exist_ok=True)
        picture.save(path, "PNG", optimize=False)
    return paths


# ---------------------------------------------------------------- clips

def _clip_plan() -> list[dict]:
    phone = {"make": "Apple", "model": "iPhone 15 Pro"}
    return [
        dict(path="Clips/IMG_0501.MOV", scene="stage", words="DJ NOVA", seconds=3.0, sound="beat",
             when=(19, 5), gps=SYDNEY, **phone),
        dict(path="Clips/IMG_0503.MOV", scene="creator", words="@mika.live", seconds=3.0,
             sound="crowd", portrait=True, rotation=90, when=(19, 22), gps=SYDNEY, **phone),
        dict(path="Clips/DJI_0507.MP4", scene="crowd", words="", seconds=2.5, sound=None,
             when=(19, 40), make="DJI", model="Mini 4 Pro"),
        dict(path="Clips/IMG_0512.MOV", scene="stage", words="LIVE Fest", seconds=3.0,
             sound="beat", black_lead=0.5, when=(20, 15), gps=SYDNEY, **phone),
        dict(path="Clips/creator_intro_kai.mp4", scene="creator", words="@kai.creates",
             seconds=3.0, sound="chord", portrait=True, when=(20, 40)),
        dict(path="Clips/GX010042.MP4", scene="crowd", words="Make some noise!", seconds=2.5,
             sound="crowd", when=(21, 5), make="GoPro", model="HERO12 Black"),
        dict(path="Melbourne Pop-up/IMG_0620.MOV", scene="popup", words="LIVE Pop-up · Melbourne",
             seconds=3.0, sound="crowd", when=(18, 30), day=28, gps=MELBOURNE, **phone),
    ]


def _clip(root: Path, index: int, spec: dict) -> str:
    rng = np.random.default_rng(5000 + index)
    portrait = spec.get("portrait", False)
    w, h = (360, 640) if portrait else (640, 360)  # upright picture
    pan = 80
    scene_w, scene_h = (w, h + pan) if portrait else (w + pan, h)
    palette = art.PALETTES[index % len(art.PALETTES)]
    background = np.asarray(getattr(art, spec["scene"])(rng, scene_w, scene_h, spec["words"],
                                                        palette))
    count, lead = int(spec["seconds"] * FPS), int(spec.get("black_lead", 0) * FPS)
    turn = spec.get("rotation", 0) // 90
    badge = Image.new("RGB", (66, 26), (235, 20, 60))
    art.text(ImageDraw.Draw(badge), (33, 13), "LIVE", 16, shadow=False)
    clocks = []  # "00:01" etc. drawn once each, pasted through their own alpha
    for second in range(int(spec["seconds"]) + 1):
        clock = Image.new("RGBA", (70, 26), (0, 0, 0, 0))
        art.text(ImageDraw.Draw(clock), (68, 13), f"00:{second:02d}", 15, anchor="rm")
        clocks.append(clock)

    def frames():
        for i in range(count):
            if i < lead:
                yield np.zeros((w, h, 3) if turn % 2 else (h, w, 3), np.uint8)
                continue
            shift = int(pan * i / max(1, count - 1))
            view = background[shift:shift + h, :w] if portrait else background[:h, shift:shift + w]
            level = int(256 * (0.85 + 0.15 * np.sin(i / 3.0) ** 2))  # stage-light flicker
            frame = Image.fromarray(((view.astype(np.uint16) * level) >> 8).astype(np.uint8))
            frame.paste(badge, (12, 12))
            clock = clocks[i // FPS]
            frame.paste(clock, (w - 84, 12), clock)
            yield np.rot90(np.asarray(frame), k=turn)  # stored turned; the player turns it back

    day = spec.get("day", 21)
    local = datetime(2026, 11, day, *spec["when"])
    # Every clip carries its local wall-clock time with offset (as iPhones write it), so the
    # demo timeline reads the same on a computer in any time zone.
    metadata = {"creation_time": (local - timedelta(hours=11)).strftime("%Y-%m-%dT%H:%M:%S.000000Z"),
                "com.apple.quicktime.creationdate": local.strftime("%Y-%m-%dT%H:%M:%S+1100")}
    if spec.get("make"):
        metadata.update({"com.apple.quicktime.make": spec["make"],
                         "com.apple.quicktime.model": spec["model"]})
    if spec.get("gps"):
        lat, lon = spec["gps"]
        metadata["com.apple.quicktime.location.ISO6709"] = f"{lat:+08.4f}{lon:+09.4f}+012.000/"
    stored = (h, w) if turn % 2 else (w, h)
    audio = _sound(spec["sound"], spec["seconds"], spec.get("black_lead", 0.0), rng)
    return write_clip(str(root / CAMPAIGN / spec["path"]), frames(), stored, fps=FPS, audio=audio,
                      rotation=spec.get("rotation", 0), metadata=metadata, crf=26,
                      preset="ultrafast", threads=1)


# ---------------------------------------------------------------- sound

def _sound(kind: str | None, seconds: float, lead: float, rng) -> np.ndarray | None:
    if kind is None:
        return None
    n = int(seconds * RATE)
    t = np.arange(n) / RATE
    if kind == "beat":
        mono = 0.6 * tone(seconds, (110.0, 164.8, 220.0), 0.25, channels=1)[0]
        beat = (t % 0.5)  # 120 BPM kick: a falling sine burst
        mono += 0.5 * np.sin(2 * np.pi * (50 + 80 * np.exp(-beat * 30)) * beat) * np.exp(-beat * 9)
    elif kind == "crowd":
        noise = rng.standard_normal(n + 400).astype(np.float32)
        smooth = np.convolve(noise, np.ones(24, np.float32) / 24, mode="same")[:n]
        mono = 0.5 * smooth * (0.6 + 0.4 * np.sin(2 * np.pi * 0.4 * t) ** 2)
    else:
        mono = tone(seconds, (261.63, 329.63, 392.0, 523.25), 0.3, channels=1)[0]
    mono[: int(lead * RATE)] = 0.0
    stereo = np.stack([mono, np.roll(mono, 240)]).astype(np.float32)
    return np.clip(stereo, -0.9, 0.9)


def _music_bed(seconds: float) -> np.ndarray:
    """C - Am - F - G, two seconds each, a soft pad with a gentle pulse."""
    chords = [(261.63, 329.63, 392.0), (220.0, 261.63, 329.63), (174.61, 220.0, 261.63),
              (196.0, 246.94, 293.66)]
    per = seconds / len(chords)
    parts = [tone(per, chord + (chord[0] / 2,), 0.28, channels=1)[0] for chord in chords]
    mono = np.concatenate(parts)
    t = np.arange(mono.size) / RATE
    mono *= 0.75 + 0.25 * np.cos(2 * np.pi * 2.0 * t) ** 2
    return np.stack([mono, np.roll(mono, 360)]).astype(np.float32)
