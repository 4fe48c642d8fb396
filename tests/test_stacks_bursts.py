"""Burst stacks found by a real scan: generated bursts (shifted, slightly turned, blurred,
over-exposed copies of a scene) and the real photos of shared/corpus. What a user sees: each
burst is one stack, distinct shots never share one, the sharp frame is suggested over its
blurred and blown-out copies, and capture times keep apart look-alikes taken far apart."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from PIL import Image

from burstgen import blurred, burst, exposed, save, scene, shifted
from liveassets.catalog.stacks import members
from liveassets.media.scan import scan
from liveassets.media.scores import BLURRY
from liveassets.media.thumbs import photo_picture

T0 = dt.datetime(2026, 11, 21, 19, 30, 0)


def stacks_by_name(catalog) -> list[set[str]]:
    groups: dict[str, set[str]] = {}
    for d in catalog.all():
        if d.get("stack"):
            groups.setdefault(d["stack"], set()).add(Path(d["path"]).stem)
    return sorted(groups.values(), key=sorted)


def by_name(catalog, stem: str) -> dict:
    return next(d for d in catalog.all() if Path(d["path"]).stem == stem)


def test_generated_bursts_become_one_stack_each_and_never_mix(tmp_path, library):
    folder = tmp_path / "event"
    expected = []
    for b, seed in enumerate((0, 3, 5, 9)):
        start = T0 + dt.timedelta(minutes=b)
        names = set()
        frames = dict(burst(scene(seed)), over=exposed(scene(seed), 1.0))
        for i, (kind, im) in enumerate(frames.items()):
            save(im, folder / f"b{b}_{kind}.jpg", start + dt.timedelta(seconds=i))
            names.add(f"b{b}_{kind}")
        expected.append(names)
    # a distinct shot in the middle of a burst's seconds is not pulled into it
    save(scene(11), folder / "lone.jpg", T0 + dt.timedelta(seconds=2))
    report = scan(library, [folder])
    assert report.errors == 0 and report.stacked == 21
    assert stacks_by_name(library) == sorted(expected, key=sorted)
    lone = by_name(library, "lone")
    assert (lone.get("stack"), lone["stack_size"], lone["best"]) == (None, 1, False)
    for b in range(4):
        stack = members(library, by_name(library, f"b{b}_sharp")["stack"])
        pick = stack[0]
        assert pick["best"] and sum(d["best"] for d in stack) == 1
        assert all(d["stack_size"] == 5 for d in stack)
        blur, sharp = by_name(library, f"b{b}_blur"), by_name(library, f"b{b}_sharp")
        assert pick["exposure"] == "ok" and pick["sharpness"] > 20 * blur["sharpness"]
        assert pick["clipped"] <= sharp["clipped"] + 0.01  # not a washed-out frame


def test_sharp_frame_is_suggested_over_its_blurred_and_blown_copies(tmp_path, library):
    folder = tmp_path / "event"
    for b, seed in enumerate((2, 4)):
        start = T0 + dt.timedelta(minutes=b)
        save(blurred(scene(seed)), folder / f"s{b}_1blur.jpg", start)
        save(scene(seed), folder / f"s{b}_2sharp.jpg", start + dt.timedelta(seconds=1))
        save(exposed(scene(seed), 2.0), folder / f"s{b}_3blown.jpg",
             start + dt.timedelta(seconds=2))
    scan(library, [folder])
    for b in range(2):
        blur, sharp, blown = (by_name(library, f"s{b}_{n}") for n in ("1blur", "2sharp", "3blown"))
        assert blur["stack"] == sharp["stack"] == blown["stack"] == blur["id"]  # earliest frame
        assert blown["exposure"] == "highlights" and blown["sharpness"] > sharp["sharpness"]
        assert sharp["best"] and not blur["best"] and not blown["best"]
        assert [d["id"] for d in members(library, sharp["stack"])][0] == sharp["id"]


def test_capture_times_keep_apart_look_alikes_taken_far_apart(tmp_path, library):
    folder = tmp_path / "event"
    save(scene(6), folder / "early.jpg", T0)
    save(shifted(scene(6), 0.01), folder / "soon.jpg", T0 + dt.timedelta(seconds=3))
    save(shifted(scene(6), 0.01), folder / "hour_later.jpg", T0 + dt.timedelta(hours=1))
    scan(library, [folder])
    assert stacks_by_name(library) == [{"early", "soon"}]
    assert by_name(library, "hour_later").get("stack") is None


def test_photos_without_times_stack_only_as_near_exact_copies(tmp_path, library):
    folder = tmp_path / "event"
    save(scene(7), folder / "orig.jpg")
    small = scene(7).resize((640, 480), Image.Resampling.LANCZOS)  # a re-exported copy
    save(small, folder / "export.jpg", quality=70)
    save(scene(8), folder / "other.jpg")
    save(scene(8).rotate(180), folder / "other_flipped.jpg")
    scan(library, [folder])
    assert stacks_by_name(library) == [{"orig", "export"}]


def test_real_corpus_stacks_only_the_same_pictures(tmp_path, library, corpus):
    """The corpus's orientation charts are one picture each stored four ways (EXIF orientation
    1/3/6/8 and 1/5/6/8): shown upright they are near-exact copies and stack; every other
    photo is a different shot and stays alone."""
    report = scan(library, [corpus])
    assert report.errors == 0
    assert stacks_by_name(library) == [
        {f"jpg_orientation__landscape_{n}" for n in (1, 3, 6, 8)},
        {f"jpg_orientation__portrait_{n}" for n in (1, 5, 6, 8)},
    ]
    alone = [d for d in library.all() if not d.get("stack")]
    assert len(alone) == 9 and all(d["stack_size"] == 1 and not d["best"] for d in alone)
    assert all(d["sharpness"] > 100 for d in library.all())


def test_bursts_made_from_real_photos(tmp_path, library, corpus):
    folder = tmp_path / "event"
    for b, name in enumerate(("jpg_gps__DSCN0010.jpg", "jpg_gps__DSCN0021.jpg",
                              "heic__IMG_5195.HEIC")):
        photo = photo_picture(str(corpus / name), 1200)
        start = T0 + dt.timedelta(minutes=b)
        for i, (kind, im) in enumerate(burst(photo).items()):
            save(im, folder / f"r{b}_{kind}.jpg", start + dt.timedelta(seconds=i))
    shutil.copy(corpus / "jpg_xmp__BlueSquare.jpg", folder / "graphic.jpg")
    scan(library, [folder])
    assert stacks_by_name(library) == [{f"r{b}_{k}" for k in ("sharp", "shift2", "turn1", "blur",
                                                              "over")} for b in range(3)]
    for b in range(3):
        stack = members(library, by_name(library, f"r{b}_sharp")["stack"])
        assert Path(stack[0]["path"]).stem != f"r{b}_blur"
        assert stack[0]["exposure"] == "ok"
        # 1.5 stops over: flagged (DSCN0010, the HEIC) or clipping 3 % more (DSCN0021)
        assert not by_name(library, f"r{b}_over")["best"]
        assert by_name(library, f"r{b}_blur")["sharpness"] < 60 < stack[0]["sharpness"]


@pytest.mark.parametrize("stops", [2.0])
def test_blown_frames_are_flagged_in_the_catalog(tmp_path, library, stops):
    save(exposed(scene(0), stops), tmp_path / "e" / "blown.jpg", T0)
    scan(library, [tmp_path / "e"])
    assert [d["name"] for d in library.query("exposure:highlights")] == ["blown.jpg"]
    assert [d["name"] for d in library.query("exposure:clipped")] == ["blown.jpg"]
    save(blurred(scene(1)), tmp_path / "e" / "soft.jpg", T0 + dt.timedelta(hours=1))
    scan(library, [tmp_path / "e"])
    # the window's "Blown out" and "Blurry" collections (ui/library/sidebar.py)
    assert [d["name"] for d in library.query("exposure:clipped")] == ["blown.jpg"]
    assert [d["name"] for d in library.query(f"sharpness<{BLURRY:g}")] == ["soft.jpg"]
