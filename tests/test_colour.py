"""Colour as players show it, everywhere pixels are made: thumbnails, cut-editor posters and
renders (full and half-size preview) of BT.709-tagged, untagged HD (BT.709) and SD (BT.601),
full-range and HDR (HLG, PQ) clips come out within a few levels of the source, and renders
carry all four colour tags."""

import av
import numpy as np
import pytest
from PIL import Image

from colourgen import BRIGHT, PATCHES, make_colour_clip, patch_centres, patch_picture
from liveassets.cuts.plan import CutPlan
from liveassets.cuts.posters import poster_at
from liveassets.cuts.render import render
from liveassets.media import colour
from liveassets.media.probe import probe
from liveassets.media.thumbs import make_thumbnail

HD, SD = (1280, 720), (640, 360)  # both 16:9, so a fit render shows the whole frame
CASES = {"bt709": (HD, "bt709"), "untagged_hd": (HD, "untagged"),
         "untagged_sd": (SD, "untagged"), "bt601_sd": (SD, "bt601"), "full": (HD, "full"),
         "hlg": (HD, "hlg"), "pq": (HD, "pq")}
EXPECT = {"bt709": ("none", "bt709", "tv"), "untagged_hd": ("none", "bt709", "tv"),
          "untagged_sd": ("none", "smpte170m", "tv"), "bt601_sd": ("none", "smpte170m", "tv"),
          "full": ("none", "bt709", "pc"), "hlg": ("hlg", "bt2020nc", "tv"),
          "pq": ("pq", "bt2020nc", "tv")}


@pytest.fixture(scope="module")
def clips(tmp_path_factory):
    d = tmp_path_factory.mktemp("colour")
    out = {name: make_colour_clip(d / f"{name}.mp4", size, case)
           for name, (size, case) in CASES.items()}
    out["bright_hd"] = make_colour_clip(d / "bright_hd.mp4", HD, "untagged", BRIGHT)
    return out


def assert_patches(picture: np.ndarray, patches, case: str, where: str):
    """Every patch centre within 6 levels of the source; in HDR, channels that are 0 in the
    source may read up to 24 (the HDR curves' 10-bit steps near black are several 8-bit
    levels after BT.709's gamma: 20/255 is 0.06 % of white in light; ffmpeg's own
    zscale/tonemap shows the same)."""
    h, w = picture.shape[:2]
    for (x, y), want in zip(patch_centres((w, h)), patches):
        got = tuple(int(v) for v in picture[y, x][:3])
        for g, c in zip(got, want):
            tol = 24 if (case in ("hlg", "pq") and c == 0) else 6
            assert abs(g - c) <= tol, (where, case, want, got)


@pytest.mark.parametrize("name", list(CASES))
def test_probe_reports_hdr_and_colour_space(clips, name):
    facts = probe(clips[name])
    hdr, matrix, rng = EXPECT[name]
    assert facts["hdr"] == hdr
    assert (facts["colour"]["matrix"], facts["colour"]["range"]) == (matrix, rng)
    assert facts["colour"]["tagged"] == (not name.startswith("untagged"))


@pytest.mark.parametrize("name", list(CASES))
def test_thumbnail_shows_source_colours(clips, tmp_path, name):
    dest = tmp_path / "t.jpg"
    assert make_thumbnail(clips[name], "video", str(dest), size=256)
    assert_patches(np.asarray(Image.open(dest).convert("RGB")), PATCHES, name, "thumbnail")


@pytest.mark.parametrize("name", list(CASES))
def test_cut_editor_poster_shows_source_colours(clips, name):
    picture = np.asarray(poster_at(clips[name], 0.2, 360))
    assert_patches(picture, PATCHES, name, "poster")


def test_untagged_hd_bright_colours_are_read_as_bt709(clips, tmp_path):
    """The issue's case: pure green (0,127,0) came out (4,144,0), red 253 -> 227."""
    assert_patches(np.asarray(poster_at(clips["bright_hd"], 0.2, 360)), BRIGHT, "sdr",
                   "poster")
    render(plan_for(clips["bright_hd"]), tmp_path / "b.mp4", size=(320, 180))
    assert_patches(read_render(tmp_path / "b.mp4"), BRIGHT, "sdr", "render")


def plan_for(path, **extra):
    data = {"name": "Colour", "format": "16:9", "fps": 24, "purpose": "internal",
            "segments": [{"source": path, "start": 0.0, "end": 0.5, "reframe": "fit"}]}
    data.update(extra)
    return CutPlan.from_dict(data)


def read_render(path) -> np.ndarray:
    """A frame of a render as a tag-honouring player shows it, after checking the tags say
    BT.709 limited range (primaries, transfer and matrix)."""
    with av.open(str(path)) as c:
        cc = c.streams.video[0].codec_context
        assert (cc.color_primaries, cc.color_trc, cc.colorspace, cc.color_range) == (1, 1, 1, 1)
        frame = list(c.decode(video=0))[5]
        return frame.reformat(format="rgb24", src_colorspace="itu709",
                              src_color_range="MPEG").to_ndarray()


@pytest.mark.parametrize("preview", [False, True])
@pytest.mark.parametrize("name", list(CASES))
def test_render_shows_source_colours_and_carries_all_tags(clips, tmp_path, name, preview):
    out = tmp_path / "cut.mp4"
    render(plan_for(clips[name]), out, size=(320, 180), preview=preview)
    assert_patches(read_render(out), PATCHES, name, "preview" if preview else "render")


def test_photos_and_cards_render_in_bt709(tmp_path):
    photo = tmp_path / "patches.png"
    Image.fromarray(patch_picture((640, 360), BRIGHT + PATCHES[:4])).save(photo)
    plan = CutPlan.from_dict({"name": "Stills", "format": "16:9", "fps": 24,
                              "purpose": "internal",
                              "segments": [{"source": str(photo), "duration": 0.5,
                                            "reframe": "fit", "zoom": 0}],
                              "title": {"text": "", "seconds": 0.5, "color": "#BF00BF"}})
    render(plan, tmp_path / "s.mp4", size=(320, 180))
    with av.open(str(tmp_path / "s.mp4")) as c:
        frames = [f.reformat(format="rgb24", src_colorspace="itu709",
                             src_color_range="MPEG").to_ndarray() for f in c.decode(video=0)]
    card = tuple(int(v) for v in frames[0][20, 20])
    assert all(abs(g - c) <= 6 for g, c in zip(card, (191, 0, 191))), card
    assert_patches(frames[-2], BRIGHT + PATCHES[:4], "sdr", "photo")


@pytest.mark.parametrize("name", ["hlg", "pq"])
def test_render_filter_and_frame_tonemap_agree(clips, name):
    """The two forms of the one tone-mapping definition (ffmpeg filter for renders, numpy for
    thumbnails) give the same picture within a few levels across the whole frame."""
    import subprocess

    import imageio_ffmpeg

    path = clips[name]
    facts = colour.from_facts(probe(path))
    vf = (colour.tonemap_filter(facts) + ",scale=320:180:in_color_matrix=bt709:in_range=tv"
          ":out_range=pc:flags=area,format=rgb24")
    raw = subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-i", path, "-vf",
                          vf, "-frames:v", "1", "-f", "rawvideo", "-"],
                         capture_output=True, check=True).stdout
    by_filter = np.frombuffer(raw, np.uint8).reshape(180, 320, 3).astype(int)
    with av.open(path) as c:
        by_numpy = colour.frame_to_rgb(next(c.decode(video=0)), 320, 180, facts).astype(int)
    diff = np.abs(by_filter - by_numpy)
    assert np.percentile(diff, 99) <= 8 and np.median(diff) <= 2, diff.max()


def test_hdr_highlights_roll_off_instead_of_clipping():
    """The curve keeps SDR-range light (below the knee) unchanged and maps the HDR peak to
    white without a hard clip: brighter input always gives brighter output."""
    x = np.linspace(0, 10, 1001)
    y = colour._mobius(x, 10.0)
    assert np.allclose(y[x <= colour.MOBIUS_KNEE], x[x <= colour.MOBIUS_KNEE])
    assert np.all(np.diff(y) > 0) and abs(y[-1] - 1.0) < 1e-3


def test_list_json_reports_hdr_and_colour_space(clips, tmp_path, capsys):
    import json
    import shutil

    from liveassets.cli.main import main

    folder = tmp_path / "event"
    folder.mkdir()
    for name in ("hlg", "pq", "untagged_sd"):
        shutil.copy(clips[name], folder / f"{name}.mp4")
    assert main(["--library", str(tmp_path / "lib"), "scan", str(folder)]) == 0
    capsys.readouterr()
    assert main(["--library", str(tmp_path / "lib"), "list", "--json"]) == 0
    assets = {a["name"]: a for a in json.loads(capsys.readouterr().out)}
    assert assets["hlg.mp4"]["hdr"] == "hlg" and assets["pq.mp4"]["hdr"] == "pq"
    assert assets["untagged_sd.mp4"]["hdr"] == "none"
    assert assets["hlg.mp4"]["colour"]["primaries"] == "bt2020"
    assert assets["untagged_sd.mp4"]["colour"] == {
        "matrix": "smpte170m", "range": "tv", "primaries": "smpte170m",
        "transfer": "smpte170m", "tagged": False}


@pytest.mark.parametrize("name", ["hlg", "pq"])
def test_quick_export_says_hdr_clips_need_a_normal_render(clips, name):
    from liveassets.cuts.quick import qualifies

    ok, why = qualifies(plan_for(clips[name], segments=[
        {"source": clips[name], "start": 0.0, "end": 0.5, "reframe": "crop"}]))
    assert not ok and "HDR" in why and name.upper() in why and "render normally" in why
    assert qualifies(plan_for(clips["bt709"], segments=[
        {"source": clips["bt709"], "start": 0.0, "end": 0.5, "reframe": "crop"}])) == (True, "")


@pytest.mark.parametrize("size, tag", [((1280, 720), 1), ((320, 180), 6)])
def test_generated_clips_are_written_in_the_players_matrix_and_tagged(tmp_path, size, tag):
    """media/writers.py (demo clips) converts RGB in the matrix players assume for the size
    (BT.709 for HD, BT.601 for SD) and writes all four tags, instead of swscale's BT.601."""
    from liveassets.media.writers import write_clip

    picture = patch_picture(size, BRIGHT + PATCHES[:4])
    path = write_clip(str(tmp_path / "w.mp4"), [picture] * 3, size=size, fps=10, audio=None)
    with av.open(path) as c:
        cc = c.streams.video[0].codec_context
        assert (cc.color_primaries, cc.color_trc, cc.colorspace, cc.color_range) == (tag,) * 3 + (1,)
    assert_patches(np.asarray(poster_at(path, 0.0, 640)), BRIGHT + PATCHES[:4], "sdr", "poster")
