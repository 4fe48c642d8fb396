"""Clips whose display matrix rotates and/or mirrors the picture (a mirrored selfie,
`ffmpeg -display_rotation R -display_hflip -display_vflip`), in MP4 and Matroska: probe facts,
grid thumbnails, cut-editor posters (and so the framing preview) and the render all show the
picture the way ffmpeg's own player shows it (it applies the whole matrix).

The source has four coloured quadrants, so each of the 8 orientations is told apart."""

import subprocess

import av
import imageio_ffmpeg
import numpy as np
import pytest
from PIL import Image

from liveassets.cuts.plan import CutPlan
from liveassets.cuts.posters import poster_at
from liveassets.cuts.render import render
from liveassets.media import pictures
from liveassets.media.probe import probe
from liveassets.media.thumbs import make_thumbnail

FFMPEG = imageio_ffmpeg.get_ffmpeg_exe()
COLOURS = {"red": (255, 0, 0), "green": (0, 255, 0), "blue": (0, 0, 255),
           "yellow": (255, 255, 0)}
ROTATIONS = (0, 90, 180, 270)
FLIPS = ((), ("-display_hflip",), ("-display_vflip",), ("-display_hflip", "-display_vflip"))
CASES = [(r, f) for r in ROTATIONS for f in FLIPS]


def case_id(case):
    r, f = case
    return f"r{r}" + "".join(x.replace("-display_", "-") for x in f)


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    """64x48 stored frames: red top-left, green top-right, blue bottom-left, yellow
    bottom-right."""
    d = tmp_path_factory.mktemp("orient")
    path = d / "src.mp4"
    graph = ("color=red:s=64x48:r=10:d=0.5,"
             "drawbox=x=32:y=0:w=32:h=24:c=0x00FF00:t=fill,"
             "drawbox=x=0:y=24:w=32:h=24:c=blue:t=fill,"
             "drawbox=x=32:y=24:w=32:h=24:c=yellow:t=fill")
    subprocess.run([FFMPEG, "-v", "error", "-y", "-f", "lavfi", "-i", graph, "-c:v", "libx264",
                    "-pix_fmt", "yuv420p", str(path)], check=True)
    return path


def tagged(source, rotation, flips, ext):
    out = source.parent / f"{case_id((rotation, flips))}.{ext}"
    if not out.exists():
        subprocess.run([FFMPEG, "-v", "error", "-y", "-display_rotation", str(rotation), *flips,
                        "-i", str(source), "-c", "copy", str(out)], check=True)
    return out


def player_view(path) -> Image.Image:
    """The first frame as ffmpeg's player shows it (autorotate applies the whole matrix)."""
    png = subprocess.run([FFMPEG, "-v", "error", "-i", str(path), "-frames:v", "1", "-f",
                          "image2pipe", "-vcodec", "png", "-"], capture_output=True,
                         check=True).stdout
    import io
    return Image.open(io.BytesIO(png)).convert("RGB")


def quadrants(picture) -> list[str]:
    """Names of the colours at the four quadrant centres (TL, TR, BL, BR)."""
    rgb = np.asarray(picture.convert("RGB"), dtype=int)
    h, w = rgb.shape[:2]
    names = []
    for fx, fy in ((0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)):
        px = rgb[int(fy * h), int(fx * w)]
        names.append(min(COLOURS, key=lambda n: np.abs(px - COLOURS[n]).sum()))
    return names


def test_reference_player_turns_and_mirrors(source):
    """The reference itself: a horizontal flip swaps left and right; 90 degrees
    counter-clockwise brings the top-left corner to the bottom-left."""
    assert quadrants(player_view(tagged(source, 0, (), "mp4"))) == \
        ["red", "green", "blue", "yellow"]
    assert quadrants(player_view(tagged(source, 0, ("-display_hflip",), "mp4"))) == \
        ["green", "red", "yellow", "blue"]
    assert quadrants(player_view(tagged(source, 90, (), "mp4"))) == \
        ["green", "yellow", "red", "blue"]


@pytest.mark.parametrize("ext", ["mp4", "mkv"])
@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_thumbnail_poster_and_probe_as_the_player_shows(source, tmp_path, case, ext):
    path = tagged(source, *case, ext)
    want = player_view(path)
    facts = probe(str(path))
    assert (facts["width"], facts["height"]) == want.size
    assert pictures.orientation_rotation(facts["orientation"]) == facts["rotation"]
    assert pictures.orientation_mirrored(facts["orientation"]) == (len(case[1]) == 1)
    dest = tmp_path / "t.jpg"
    assert make_thumbnail(str(path), "video", str(dest), 64, facts["rotation"])
    thumb = Image.open(dest)
    assert thumb.size == want.size and quadrants(thumb) == quadrants(want)
    poster = poster_at(str(path), 0.1, 64)  # the cut editor's segment poster / framing preview
    assert poster.size == want.size and quadrants(poster) == quadrants(want)


@pytest.mark.parametrize("matrix, orientation", [
    ((65536, 0, 0, 0, 65536, 0, 0, 0, 1 << 30), 1),
    ((0, 65536, 0, -65536, 0, 0, 0, 0, 1 << 30), 6),  # iPhone portrait
    ((-65536, 0, 0, 0, 65536, 0, 0, 0, 1 << 30), 2),  # mirrored selfie
    ((0, 0, 0, 0, 0, 0, 0, 0, 0), 1)])
def test_matrix_orientation(matrix, orientation):
    assert pictures.matrix_orientation(matrix) == orientation


def test_render_shows_every_rotation_and_flip_upright(source, tmp_path):
    """The issue says renders were right: one cut of all 16 tagged clips, each segment's frame
    matches the player's view (1:1 crop keeps every quadrant centre; 0.5 s at 24 fps is 12
    frames a segment)."""
    paths = [tagged(source, *case, "mp4") for case in CASES]
    plan = CutPlan.from_dict({"name": "Flips", "format": "1:1", "fps": 24, "purpose": "internal",
                              "segments": [{"source": str(p), "start": 0.0, "end": 0.5}
                                           for p in paths]}, base=tmp_path)
    out = tmp_path / "cut.mp4"
    render(plan, out, size=(64, 64))
    with av.open(str(out)) as c:
        frames = [f.to_image() for f in c.decode(video=0)]
    for i, (case, path) in enumerate(zip(CASES, paths)):
        assert quadrants(frames[i * 12 + 6]) == quadrants(player_view(path)), case_id(case)
