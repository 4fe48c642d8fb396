"""probe(): facts on the real-photo corpus, generated photos and clips, and MediaError (never
another exception) with a useful message for damaged or hostile files."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from liveassets.media.errors import MediaError
from liveassets.media.formats import is_ignored_name, kind_for
from liveassets.media.probe import camera_name, probe
import mediagen

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "photos"

# file -> (format, display width, display height, EXIF orientation)
CORPUS_TABLE = {
    "heic__IMG_5195.HEIC": ("HEIF", 2566, 3313, None),
    "jpg__Canon_40D.jpg": ("JPEG", 100, 68, 1),
    "jpg__Nikon_D70.jpg": ("JPEG", 100, 66, 1),
    "jpg__corrupted.jpg": ("JPEG", 3648, 2736, 1),
    "jpg_gps__DSCN0010.jpg": ("JPEG", 640, 480, 1),
    "jpg_gps__DSCN0021.jpg": ("JPEG", 640, 480, 1),
    "jpg_invalid__image01137.jpg": ("JPEG", 88, 64, 1),
    "jpg_orientation__landscape_1.jpg": ("JPEG", 600, 450, 1),
    "jpg_orientation__landscape_3.jpg": ("JPEG", 600, 450, 3),
    "jpg_orientation__landscape_6.jpg": ("JPEG", 600, 450, 6),
    "jpg_orientation__landscape_8.jpg": ("JPEG", 600, 450, 8),
    "jpg_orientation__portrait_1.jpg": ("JPEG", 450, 600, 1),
    "jpg_orientation__portrait_5.jpg": ("JPEG", 450, 600, 5),
    "jpg_orientation__portrait_6.jpg": ("JPEG", 450, 600, 6),
    "jpg_orientation__portrait_8.jpg": ("JPEG", 450, 600, 8),
    "jpg_xmp__BlueSquare.jpg": ("JPEG", 360, 216, 1),
    "tiff__Crémieux11.tiff": ("TIFF", 199, 47, 1),
}


def corpus_file(name: str) -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"photo corpus not found at {CORPUS}")
    return CORPUS / name


@pytest.mark.parametrize("name", sorted(CORPUS_TABLE))
def test_corpus_display_size_and_orientation(name):
    facts = probe(str(corpus_file(name)))
    fmt, width, height, orientation = CORPUS_TABLE[name]
    assert (facts["kind"], facts["format"]) == ("image", fmt)
    assert (facts["width"], facts["height"]) == (width, height)
    assert facts["orientation"] == orientation
    assert facts["rotation"] == 0 and facts["has_audio"] is None and facts["duration"] is None


def test_corpus_exif_facts():
    dscn = probe(str(corpus_file("jpg_gps__DSCN0010.jpg")))
    assert dscn["gps"]["lat"] == pytest.approx(43.4674, abs=1e-3)
    assert dscn["gps"]["lon"] == pytest.approx(11.8851, abs=1e-3)
    assert dscn["taken"] == "2008-10-22T16:28:39"
    assert dscn["camera"] == "NIKON COOLPIX P6000"
    canon = probe(str(corpus_file("jpg__Canon_40D.jpg")))
    assert canon["camera"] == "Canon EOS 40D" and canon["gps"] is None
    heic = probe(str(corpus_file("heic__IMG_5195.HEIC")))
    assert heic["camera"] == "Apple iPhone 11 Pro Max" and heic["taken"] == "2021-04-11T15:47:53"
    assert heic["gps"]["lon"] < 0  # West


def test_damaged_exif_is_not_an_error():
    for name in ("jpg__corrupted.jpg", "jpg_invalid__image01137.jpg"):
        facts = probe(str(corpus_file(name)))
        assert facts["width"] > 0 and facts["kind"] == "image"


def test_probe_photos_is_fast():
    files = [corpus_file(n) for n in CORPUS_TABLE if n.endswith(".jpg")]
    probe(str(files[0]))
    start = time.perf_counter()
    for path in files:
        probe(str(path))
    per_file = (time.perf_counter() - start) / len(files)
    assert per_file < 0.02, f"{per_file * 1000:.1f} ms per JPEG"


def test_generated_jpeg_facts(tmp_path):
    path = mediagen.make_jpeg(tmp_path / "IMG_0001.JPG", size=(400, 300), orientation=6,
                              exif_datetime="2026:11:21 19:42:10", make="Apple",
                              model="iPhone 15 Pro", gps=(-33.8688, 151.2093, 12.5))
    facts = probe(path)
    assert (facts["width"], facts["height"], facts["orientation"]) == (300, 400, 6)
    assert facts["taken"] == "2026-11-21T19:42:10"
    assert facts["camera"] == "Apple iPhone 15 Pro"
    assert facts["gps"]["lat"] == pytest.approx(-33.8688, abs=1e-4)
    assert facts["gps"]["lon"] == pytest.approx(151.2093, abs=1e-4)
    assert facts["gps"]["alt"] == pytest.approx(12.5)


@pytest.mark.parametrize("mode", ["RGBA", "P", "LA", "I;16"])
def test_png_modes(tmp_path, mode):
    facts = probe(mediagen.make_png(tmp_path / f"x_{mode.replace(';', '')}.png", (90, 40), mode))
    assert (facts["format"], facts["width"], facts["height"]) == ("PNG", 90, 40)


def test_camera_name_dedupes_brand():
    assert camera_name("Canon", "Canon EOS 40D") == "Canon EOS 40D"
    assert camera_name("NIKON CORPORATION", "NIKON D70") == "NIKON D70"
    assert camera_name("Apple", "iPhone 15 Pro") == "Apple iPhone 15 Pro"
    assert camera_name(" SONY\x00", None) == "SONY"
    assert camera_name(None, "") is None


# ---------------------------------------------------------------- hostile files

def test_empty_file(tmp_path):
    with pytest.raises(MediaError, match=r"empty \(0 bytes\)"):
        probe(mediagen.make_empty(tmp_path / "empty.jpg"))


def test_text_named_jpg(tmp_path):
    with pytest.raises(MediaError, match="Not a readable JPEG image: the file looks like text"):
        probe(mediagen.make_text_as_jpg(tmp_path / "notes.jpg"))


def test_decompression_bomb(tmp_path):
    path = mediagen.make_bomb_png(tmp_path / "bomb.png")
    assert Path(path).stat().st_size < 200_000
    with pytest.raises(MediaError, match=r"too large to open safely \(400 megapixels\)"):
        probe(path)


def test_missing_file(tmp_path):
    with pytest.raises(MediaError, match="missing"):
        probe(str(tmp_path / "gone.jpg"))


def test_jpeg_cut_inside_its_header(tmp_path):
    full = mediagen.make_jpeg(tmp_path / "full.jpg", size=(64, 48), make="Apple",
                              model="iPhone 15 Pro", exif_datetime="2026:11:21 19:00:00")
    cut = mediagen.truncate_copy(full, tmp_path / "cut.jpg", 0.1)
    with pytest.raises(MediaError, match="incomplete"):
        probe(cut)


def test_garbage_bytes_are_media_errors(tmp_path):
    for name, data in [("zeros.jpg", b"\0" * 5000), ("junk.png", bytes(range(256)) * 20),
                       ("junk.mp4", bytes(range(256)) * 40), ("page.mov", b"<html>oops</html>"),
                       ("half.heic", b"\0\0\0\x18ftypheic" + b"\x01" * 100)]:
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(MediaError) as caught:
            probe(str(path))
        assert str(tmp_path) not in str(caught.value)  # a sentence, not a traceback
        assert str(caught.value).endswith(".")


# ---------------------------------------------------------------- video and audio

def test_video_facts(tmp_path):
    path = mediagen.make_video(tmp_path / "clip.mp4", size=(320, 180), seconds=2.0, fps=25,
                               metadata={"creation_time": "2026-11-21T08:30:00.000000Z",
                                         "com.apple.quicktime.creationdate":
                                             "2026-11-21T19:30:00+1100",
                                         "com.apple.quicktime.make": "Apple",
                                         "com.apple.quicktime.model": "iPhone 15 Pro",
                                         "com.apple.quicktime.location.ISO6709":
                                             "-33.8747+151.1982+010.000/"})
    facts = probe(path)
    assert facts["kind"] == "video" and "mp4" in facts["format"]
    assert (facts["width"], facts["height"], facts["rotation"]) == (320, 180, 0)
    assert facts["duration"] == pytest.approx(2.0, abs=0.1)
    assert facts["fps"] == pytest.approx(25.0)
    assert (facts["video_codec"], facts["audio_codec"], facts["has_audio"]) == ("h264", "aac", True)
    assert facts["taken"] == "2026-11-21T19:30:00"  # the phone's own wall-clock time
    assert facts["camera"] == "Apple iPhone 15 Pro"
    assert facts["gps"] == {"lat": -33.8747, "lon": 151.1982, "alt": 10.0}
    assert facts["orientation"] == 1  # the display matrix, as an EXIF-style orientation


def test_video_without_audio(tmp_path):
    facts = probe(mediagen.make_video(tmp_path / "silent.mov", audio=False))
    assert facts["has_audio"] is False and facts["audio_codec"] is None


@pytest.mark.parametrize("rotation, display", [(90, (360, 640)), (270, (360, 640)),
                                               (180, (640, 360)), (0, (640, 360))])
def test_display_matrix_rotation(tmp_path, rotation, display):
    path = mediagen.make_video(tmp_path / f"r{rotation}.mp4", size=(640, 360), seconds=0.3,
                               rotation=rotation, audio=False)
    facts = probe(path)
    assert facts["rotation"] == rotation
    assert (facts["width"], facts["height"]) == display


def test_rotation_in_matroska_read_from_frame(tmp_path):
    path = mediagen.make_video(tmp_path / "r.mkv", size=(640, 360), seconds=0.3, rotation=90)
    facts = probe(path)
    assert (facts["rotation"], facts["width"], facts["height"]) == (90, 360, 640)


def test_hevc_and_vp9(tmp_path):
    hevc = probe(mediagen.make_video(tmp_path / "h.mov", seconds=0.3, codec="libx265"))
    assert hevc["video_codec"] == "hevc"
    vp9 = probe(mediagen.make_video(tmp_path / "v.webm", seconds=0.3, codec="libvpx-vp9"))
    assert (vp9["video_codec"], vp9["audio_codec"]) == ("vp9", "opus")


@pytest.mark.parametrize("faststart", [False, True])
def test_truncated_video(tmp_path, faststart):
    full = mediagen.make_video(tmp_path / "full.mp4", size=(320, 180), seconds=2.0,
                               faststart=faststart)
    cut = mediagen.truncate_copy(full, tmp_path / "cut.mp4", 0.6)
    start = time.perf_counter()
    with pytest.raises(MediaError, match="video is incomplete"):
        probe(cut)
    assert time.perf_counter() - start < 2.0


@pytest.mark.parametrize("ext, codec", [(".m4a", "aac"), (".mp3", "mp3"), (".wav", "pcm_s16le"),
                                        (".flac", "flac"), (".ogg", "opus")])
def test_audio_facts(tmp_path, ext, codec):
    facts = probe(mediagen.make_audio(tmp_path / f"a{ext}", seconds=2.0))
    assert (facts["kind"], facts["has_audio"], facts["audio_codec"]) == ("audio", True, codec)
    assert facts["duration"] == pytest.approx(2.0, abs=0.1)
    assert facts["width"] is None and facts["video_codec"] is None


def test_probe_video_is_fast(tmp_path):
    path = mediagen.make_video(tmp_path / "c.mp4", size=(640, 360), seconds=1.0, rotation=90)
    probe(path)
    start = time.perf_counter()
    for _ in range(10):
        probe(path)
    per_file = (time.perf_counter() - start) / 10
    assert per_file < 0.05, f"{per_file * 1000:.1f} ms per clip"


# ---------------------------------------------------------------- formats

def test_kind_for_and_ignored_names():
    assert kind_for("/a/IMG_0001.JPG") == "image" and kind_for("x.HEIC") == "image"
    assert kind_for(Path("clip.MOV")) == "video" and kind_for("song.m4a") == "audio"
    assert kind_for("notes.txt") is None and kind_for("noext") is None
    for name in (".hidden.jpg", "._IMG_0001.JPG", ".DS_Store", "Thumbs.db", "desktop.ini",
                 "THUMBS.DB"):
        assert is_ignored_name(name), name
    assert not is_ignored_name("IMG_0001.JPG")
