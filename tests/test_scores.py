"""Culling scores of one photo (media/scores.py): what a user relies on is that a blurred copy
scores far below its sharp original, an over-exposed copy is flagged, near-identical frames hash
close and different pictures far apart, and the scanner's scores match the backfill's (which
reads the saved thumbnail)."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from burstgen import blurred, exposed, scene, shifted, turned
from liveassets.media.scores import (BLURRY, EXPOSURES, WORK_EDGE, distance, dhash, exposure, grey,
                                     scores, sharpness)
from liveassets.media.thumbs import photo_picture, thumbnail_with_scores


def thumb(im: Image.Image, size: int = 512) -> Image.Image:
    im = im.copy()
    im.thumbnail((size, size), Image.Resampling.BICUBIC)
    return im


def reread(im: Image.Image) -> Image.Image:
    """The picture after a trip through the thumbnail cache's JPEG (quality 85)."""
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=85)
    return Image.open(io.BytesIO(buf.getvalue())).convert("RGB")


@pytest.mark.parametrize("seed", range(4))
def test_blurred_copy_scores_far_below_its_sharp_original_and_below_blurry(seed):
    sharp = scores(thumb(scene(seed)))["sharpness"]
    soft = scores(thumb(blurred(scene(seed), 0.01)))["sharpness"]
    assert sharp > 5 * BLURRY and soft < BLURRY and sharp > 50 * soft


def test_corpus_photos_blur_falls_below_blurry(corpus):
    """Real photos of 600 px and more: in focus far above BLURRY, blurred by 1 % far below."""
    for name in ("jpg_gps__DSCN0010.jpg", "jpg_gps__DSCN0021.jpg", "heic__IMG_5195.HEIC",
                 "jpg_orientation__landscape_1.jpg"):
        picture = photo_picture(str(corpus / name), 512)
        assert scores(picture)["sharpness"] > 5 * BLURRY, name
        assert scores(blurred(picture, 0.01))["sharpness"] < BLURRY, name


def test_exposure_flags_blown_and_crushed_pictures():
    assert all(scores(thumb(scene(s)))["exposure"] == "ok" for s in range(4))
    assert scores(thumb(exposed(scene(0), 2.0)))["exposure"] == "highlights"
    black = np.zeros((200, 300), np.uint8)
    black[:, 150:] = 128
    assert exposure(grey(black)) == "shadows"
    both = np.full((200, 300), 128, np.uint8)
    both[:40] = 255
    both[-40:] = 0
    assert exposure(grey(both)) == "both"
    # a spotlight (2 % of the frame blown) in a well exposed frame is not "highlights"
    lit = np.asarray(thumb(scene(1))).copy()
    lit[:14, :100] = 255
    assert exposure(grey(lit)) == "ok"
    assert set(EXPOSURES) == {"ok", "highlights", "shadows", "both"}


def test_corpus_photos_pushed_over_are_flagged(corpus):
    for name in ("jpg_gps__DSCN0010.jpg", "heic__IMG_5195.HEIC", "jpg__corrupted.jpg"):
        picture = photo_picture(str(corpus / name), 512)
        assert scores(picture)["exposure"] == "ok", name
        assert scores(exposed(picture, 1.5))["exposure"] == "highlights", name


def test_dhash_bits_follow_the_brightness_steps():
    falling = np.tile(np.linspace(255, 0, 90).astype(np.uint8), (80, 1))  # brighter on the left
    assert dhash(falling) == "ffffffffffffffff"
    assert dhash(falling[:, ::-1].copy()) == "0000000000000000"
    assert distance("ffffffffffffffff", "0000000000000000") == 64
    assert distance("00000000000000f0", "0000000000000001") == 5


def test_near_identical_frames_hash_close_and_different_scenes_far():
    base = scores(thumb(scene(3)))["dhash"]
    for frame in (shifted(scene(3), 0.02), turned(scene(3), 1.0), blurred(scene(3)),
                  exposed(scene(3), 1.0)):
        assert distance(base, scores(thumb(frame))["dhash"]) <= 13
    others = [scores(thumb(scene(s)))["dhash"] for s in range(4, 12)]
    assert min(distance(base, h) for h in others) >= 17


def test_thumbnail_scores_match_the_saved_thumbnail_the_backfill_reads(tmp_path):
    """The scanner scores the picture in memory, the backfill re-reads the cached JPEG: the
    two agree closely, so a backfilled library stacks like a freshly scanned one."""
    src = tmp_path / "a.jpg"
    scene(5, (2400, 1800)).save(src, quality=92)
    dest = tmp_path / "t.jpg"
    written, fresh = thumbnail_with_scores(str(src), "image", str(dest), 512)
    assert written and fresh is not None
    again = scores(Image.open(dest).convert("RGB"))
    assert distance(fresh["dhash"], again["dhash"]) <= 2
    assert abs(fresh["sharpness"] - again["sharpness"]) <= 0.1 * fresh["sharpness"]
    assert fresh["exposure"] == again["exposure"]


def test_scores_do_not_depend_on_the_picture_size():
    big = scene(2, (2048, 1536))
    small, large = scores(thumb(big, 512)), scores(thumb(big, 1600))
    assert distance(small["dhash"], large["dhash"]) <= 3
    assert abs(small["sharpness"] - large["sharpness"]) <= 0.25 * small["sharpness"]
    assert grey(big).shape == (WORK_EDGE * 3 // 4, WORK_EDGE)


def test_videos_get_no_scores(tmp_path):
    from mediagen import make_video

    clip = make_video(tmp_path / "c.mp4", seconds=0.5)
    written, found = thumbnail_with_scores(clip, "video", str(tmp_path / "t.jpg"), 128)
    assert written and found is None


@pytest.mark.parametrize("shape", [(1, 1), (2, 5), (1, 400), (3, 3)])
def test_tiny_and_thin_pictures_score_without_error(shape):
    out = scores(np.full(shape, 100, np.uint8))
    assert len(out["dhash"]) == 16 and out["sharpness"] >= 0 and out["exposure"] == "ok"


def test_every_pillow_mode_scores():
    for mode in ("RGB", "RGBA", "L", "LA", "P", "CMYK", "I;16", "1"):
        assert scores(Image.new(mode, (40, 30)))["exposure"] in EXPOSURES


def test_empty_picture_is_refused():
    with pytest.raises(ValueError):
        grey(np.zeros((0, 5), np.uint8))
    assert sharpness(np.zeros((2, 2), np.float32)) == 0.0
