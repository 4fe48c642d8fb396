"""Quick look's full-size photo: decoded by the core, so it is upright and in sRGB like the
thumbnail it replaces (an Adobe RGB photo sideways by EXIF; a HEIC Qt cannot read itself)."""

from PIL import Image

from icc_profiles import rgb_profile, viewer_srgb
from liveassets.ui.library.quick_look import full_picture as decode_full
from mediagen import exif_bytes
from PySide6.QtCore import QSize
from test_pictures_colour import close, encoded, sample


def full_picture(qtbot, path, size=QSize(400, 400)):
    image = decode_full(str(path), size.width(), size.height())
    assert not image.isNull()
    ptr = image.convertToFormat(image.Format.Format_RGB888)
    data = bytes(ptr.constBits())[: ptr.bytesPerLine() * ptr.height()]
    return Image.frombuffer("RGB", (ptr.width(), ptr.height()), data, "raw", "RGB",
                            ptr.bytesPerLine(), 1)


def test_adobe_rgb_photo_sideways(qtbot, tmp_path):
    icc = rgb_profile("adobe")
    stored = encoded(icc)
    path = tmp_path / "a.jpg"
    stored.save(path, quality=95, icc_profile=icc, exif=exif_bytes(orientation=6))
    shown = full_picture(qtbot, path)
    want = viewer_srgb(stored, icc).transpose(Image.Transpose.ROTATE_270)
    assert shown.height > shown.width
    assert close(sample(shown), sample(want), 5)  # red ends top-right, as a viewer turns it


def test_p3_heic(qtbot, tmp_path):
    icc = rgb_profile("p3")
    path = tmp_path / "p.heic"
    encoded(icc).save(path, "HEIF", quality=95, icc_profile=icc)
    with Image.open(path) as im:
        want = sample(viewer_srgb(im.convert("RGB"), icc))
    assert close(sample(full_picture(qtbot, path)), want, 7)
