"""Photo colour profiles: every picture the app makes from a photo (grid thumbnail, cut-editor
poster, cut slide, logo, contact sheet, pack rendition, quick look) shows the colours a
colour-managed viewer shows: the source's pixels converted through its embedded ICC profile to
sRGB. Profiles are written by tests/icc_profiles.py; expected colours come from LittleCMS on the
full-size source, never hard-coded."""

import io

import numpy as np
import pillow_heif
import pytest
from PIL import Image, ImageCms

from icc_profiles import cmyk_profile, grey_profile, rgb_profile, viewer_srgb
from liveassets.cuts.posters import poster_at
from liveassets.cuts.stills import PhotoFrames, logo_overlay, open_upright
from liveassets.media import pictures
from liveassets.media.thumbs import make_thumbnail
from liveassets.packs.contact_sheet import Thumbnails
from liveassets.packs.renditions import render_jpeg
from mediagen import exif_bytes

pillow_heif.register_heif_opener()

W, H = 256, 192  # four 128x96 patches
SRGB = ImageCms.createProfile("sRGB")
TARGETS = [(220, 30, 30), (40, 170, 60), (40, 60, 190), (120, 120, 120)]  # as sRGB
CENTRES = [(0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)]  # patch centres (x, y)


def patches(mode, values) -> Image.Image:
    im = Image.new(mode, (W, H))
    for (fx, fy), value in zip(CENTRES, values):
        x, y = int((fx - 0.25) * W), int((fy - 0.25) * H)
        im.paste(value, (x, y, x + W // 2, y + H // 2))
    return im


def encoded(icc: bytes, colours=TARGETS) -> Image.Image:
    """The sRGB target colours as a camera would store them in the profile's RGB space."""
    src = patches("RGB", colours)
    return ImageCms.profileToProfile(src, SRGB, ImageCms.ImageCmsProfile(io.BytesIO(icc)),
                                     outputMode="RGB")


def sample(im: Image.Image) -> list[tuple[int, ...]]:
    rgb = np.asarray(im.convert("RGB"), dtype=int)
    h, w = rgb.shape[:2]
    return [tuple(rgb[int(fy * h), int(fx * w)]) for fx, fy in CENTRES]


def close(got, want, tol):
    return all(abs(g - w) <= tol for a, b in zip(got, want) for g, w in zip(a, b))


# --------------------------------------------------------------- every surface

def via_thumbnail(path, tmp):
    dest = tmp / "thumb.jpg"
    assert make_thumbnail(str(path), "image", str(dest), 64)
    return Image.open(dest)


def via_poster(path, tmp):
    return poster_at(str(path), size=64)


def via_slide(path, tmp):
    return PhotoFrames(str(path), (128, 96), 30.0, 1, "crop").image


def via_card_image(path, tmp):
    return open_upright(str(path))  # what card_frame and logos start from


def via_contact_sheet(path, tmp):
    return Thumbnails(str(tmp), str(tmp), size=64)({"asset": {"path": str(path),
                                                              "kind": "image"}})


def via_rendition(path, tmp):
    data, _ = render_jpeg(str(path), 64)
    im = Image.open(io.BytesIO(data))
    icc = im.info.get("icc_profile")  # a colour-managed viewer honours what is embedded
    return viewer_srgb(im, icc) if icc else im.convert("RGB")


def via_quick_look(path, tmp):
    return pictures.photo_within(str(path), 96, 96)


SURFACES = [via_thumbnail, via_poster, via_slide, via_card_image, via_contact_sheet,
            via_rendition, via_quick_look]


def saved(tmp, name, im, fmt, icc, **options):
    path = tmp / name
    if icc:
        options["icc_profile"] = icc
    im.save(path, fmt, **options)
    return path


CASES = {  # name: (file name, pillow format, profile, save options, tolerance)
    "adobe-jpeg": ("a.jpg", "JPEG", "adobe", {"quality": 95}, 5),
    "p3-jpeg": ("p.jpg", "JPEG", "p3", {"quality": 95}, 5),
    "p3-png": ("p.png", "PNG", "p3", {}, 3),
    "adobe-tiff": ("a.tif", "TIFF", "adobe", {}, 3),
    "p3-webp": ("p.webp", "WEBP", "p3", {"lossless": True}, 3),
    "p3-heic": ("p.heic", "HEIF", "p3", {"quality": 95}, 7),
}


@pytest.mark.parametrize("surface", SURFACES, ids=lambda f: f.__name__[4:])
@pytest.mark.parametrize("case", list(CASES))
def test_rgb_profiles_shown_as_a_colour_managed_viewer(tmp_path, case, surface):
    name, fmt, profile, options, tol = CASES[case]
    icc = rgb_profile(profile)
    path = saved(tmp_path, name, encoded(icc), fmt, icc, **options)
    with Image.open(path) as im:
        stored = im.convert("RGB")
    want = sample(viewer_srgb(stored, icc))
    assert not close(sample(stored), want, 10)  # ignoring the profile would show
    assert close(want, TARGETS, 3)  # and the viewer shows the colours the camera saw
    got = sample(surface(path, tmp_path))
    assert close(got, want, tol), (got, want)


def test_test_profiles_match_published_values():
    """The hand-written profiles agree with published conversions of sRGB red: (219, 0, 0) in
    Adobe RGB (1998) and (234, 51, 35) in Display P3."""
    red = Image.new("RGB", (1, 1), (255, 0, 0))
    for name, want in (("adobe", (219, 0, 0)), ("p3", (234, 51, 35))):
        dest = ImageCms.ImageCmsProfile(io.BytesIO(rgb_profile(name)))
        got = ImageCms.profileToProfile(red, SRGB, dest, outputMode="RGB").getpixel((0, 0))
        assert close([got], [want], 1), (name, got)


CMYK = [(0, 0, 0, 135), (200, 0, 0, 0), (0, 180, 180, 0), (0, 0, 0, 0)]  # grey, cyan, red, paper


@pytest.mark.parametrize("surface", SURFACES, ids=lambda f: f.__name__[4:])
def test_cmyk_jpeg_with_profile(tmp_path, surface):
    """Pillow writes CMYK JPEGs the Adobe way (inverted, APP14 marker) like Photoshop does."""
    icc = cmyk_profile()
    path = saved(tmp_path, "c.jpg", patches("CMYK", CMYK), "JPEG", icc, quality=95)
    assert b"Adobe" in path.read_bytes()[:4096]
    with Image.open(path) as im:
        want = sample(viewer_srgb(im.copy(), icc))
        naive = sample(im.convert("RGB"))
    assert not close(naive, want, 10)
    got = sample(surface(path, tmp_path))
    assert close(got, want, 5), (got, want)


@pytest.mark.parametrize("surface", [via_thumbnail, via_slide, via_quick_look],
                         ids=lambda f: f.__name__[4:])
def test_cmyk_jpeg_without_profile_is_not_a_negative(tmp_path, surface):
    """No profile: shown as stored (Pillow's plain conversion); paper stays white and a
    black-ink grey stays neutral, not teal."""
    path = saved(tmp_path, "c.jpg", patches("CMYK", CMYK), "JPEG", None, quality=95)
    with Image.open(path) as im:
        want = sample(im.convert("RGB"))
    got = sample(surface(path, tmp_path))
    assert close(got, want, 5)
    assert min(got[3]) >= 250  # paper
    assert max(got[0]) - min(got[0]) <= 4  # neutral grey


@pytest.mark.parametrize("surface", SURFACES, ids=lambda f: f.__name__[4:])
def test_grey_photo_with_gamma_profile(tmp_path, surface):
    icc = grey_profile(1.8)
    path = saved(tmp_path, "g.jpg", patches("L", [40, 90, 120, 200]), "JPEG", icc, quality=95)
    with Image.open(path) as im:
        want = sample(viewer_srgb(im.copy(), icc))
        naive = sample(im.convert("RGB"))
    assert not close(naive, want, 10)
    assert close(sample(surface(path, tmp_path)), want, 4)


def test_sixteen_bit_grey_with_profile(tmp_path):
    icc = grey_profile(1.8)
    arr = np.asarray(patches("L", [40, 90, 120, 200]), dtype=np.uint16) * 257
    path = tmp_path / "g16.png"
    Image.fromarray(arr).save(path, icc_profile=icc)
    want = sample(viewer_srgb(Image.open(path).point(lambda v: v / 256).convert("L"), icc))
    assert close(sample(via_thumbnail(path, tmp_path)), want, 3)
    assert close(sample(pictures.open_photo(str(path))), want, 3)


def test_alpha_kept_and_colour_converted(tmp_path):
    icc = rgb_profile("adobe")
    im = encoded(icc).convert("RGBA")
    im.putalpha(Image.new("L", im.size, 255).point(lambda _: 255))
    alpha = Image.new("L", im.size, 255)
    alpha.paste(0, (0, 0, 16, 16))  # a transparent corner
    im.putalpha(alpha)
    path = saved(tmp_path, "logo.png", im, "PNG", icc)
    shown = pictures.open_photo(str(path))
    assert shown.mode == "RGBA" and shown.getpixel((2, 2))[3] == 0
    want = sample(viewer_srgb(im, icc))
    assert close(sample(shown), want, 2)
    logo = logo_overlay((W, H), str(path), "top-left", 1.0)  # the logo as the cut draws it
    rgba = Image.fromarray(logo.rgba)
    assert close(sample(rgba.resize((W, H))), want, 4)
    assert logo.rgba[1, 1, 3] == 0


def test_exif_orientation_with_profile(tmp_path):
    """A sideways Adobe RGB photo: upright and converted (red patch ends top-right after the
    90-degree turn that orientation 6 asks for)."""
    icc = rgb_profile("adobe")
    stored = encoded(icc)
    path = tmp_path / "turned.jpg"
    stored.save(path, quality=95, icc_profile=icc, exif=exif_bytes(orientation=6))
    want = viewer_srgb(stored, icc).transpose(Image.Transpose.ROTATE_270)
    for picture in (via_thumbnail(path, tmp_path), pictures.open_photo(str(path)),
                    via_slide(path, tmp_path).resize((96, 128))):
        assert picture.width < picture.height
        assert close(sample(picture), sample(want), 5)


def test_srgb_profile_costs_nothing():
    icc = ImageCms.ImageCmsProfile(SRGB).tobytes()
    im = Image.new("RGB", (8, 8), (220, 30, 30))
    assert pictures.to_srgb(im, icc) is im
    assert pictures.to_srgb(im, b"not a profile") is im  # damaged: shown as stored
    assert pictures.to_srgb(im, None) is im
