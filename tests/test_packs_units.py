"""Asset packs, the pure parts: safe names, the plan (rights gate, no writes), XMP packets,
manifest cells."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from liveassets.cells import text_cell
from liveassets.catalog.rights import empty_rights
from liveassets.packs import manifest, xmp
from liveassets.packs.names import MAX_BYTES, NameAllocator, safe_name
from liveassets.packs.plan import PackError, prepare

TODAY = dt.date(2026, 11, 22)
BAD = set('<>:"/\\|?*')


@pytest.mark.parametrize("raw", [
    "../../etc/passwd", "..\\..\\boot.ini", "CON.jpg", "con.tar.gz", "NUL", "Com1.png",
    "lpt9 .txt", "a\nb.jpg", "tab\there\r.jpg", "=cmd|' /C calc'!A0.jpg", "🎉 party 🎉.jpg",
    "...", "", "trailing. . ", ".hidden.jpg", "a<b>c:d\"e|f?g*h.png", "x" * 400 + ".jpg",
    "é" * 300 + ".jpeg", "👩‍👩‍👧" * 60 + ".heic", "line\u2028sep.jpg",
])
def test_safe_name_is_safe_everywhere(raw):
    name = safe_name(raw)
    assert name and not BAD & set(name)
    assert all(ord(ch) >= 32 and ch not in "\u2028\u2029\x7f" for ch in name)
    assert name not in (".", "..") and not name.startswith(".")
    assert name == name.rstrip(". ")
    assert len(name.encode("utf-8")) <= MAX_BYTES
    assert name.split(".")[0].strip().upper() not in {"CON", "PRN", "AUX", "NUL", "COM1", "LPT9"}
    name.encode("utf-8")  # whole characters only


def test_safe_name_keeps_what_is_fine():
    assert safe_name("🎉 party 🎉.JPG") == "🎉 party 🎉.JPG"
    assert safe_name("Crémieux11.tiff") == "Crémieux11.tiff"
    assert safe_name("a\nb.jpg") == "a b.jpg"
    assert safe_name("CON.jpg") == "_CON.jpg"
    assert safe_name("x" * 400 + ".jpg").endswith(".jpg")


def test_collisions_numbered_case_insensitively_with_sidecars():
    names = NameAllocator()
    got = [names.allocate(n, lambda f: [f + ".xmp"]) for n in
           ["Photo.jpg", "photo.JPG", "PHOTO.jpg", "photo (2).jpg"]]
    assert got == ["Photo.jpg", "photo (2).JPG", "PHOTO (3).jpg", "photo (2) (2).jpg"]
    short = NameAllocator()
    stem = lambda f: [f.rsplit(".", 1)[0] + ".xmp"]  # noqa: E731
    assert [short.allocate(n, stem) for n in ["IMG_1.HEIC", "IMG_1.MOV"]] == \
        ["IMG_1.HEIC", "IMG_1 (2).MOV"]  # a Live Photo pair must not share IMG_1.xmp


class FakeCatalog:
    """Duck-typed catalog: query/get over dicts (names a real file system cannot hold)."""

    def __init__(self, docs):
        self.docs = {d["id"]: d for d in docs}

    def query(self, text, today=None):
        return list(self.docs.values())

    def get(self, aid):
        return self.docs[aid]


def _asset(aid, name, path, status="cleared", expires=None, kind="image", file_status="ok"):
    rights = {**empty_rights(), "status": status, "expires": expires}
    return {"id": aid, "name": name, "path": str(path), "kind": kind, "status": file_status,
            "width": 4000, "height": 3000, "rights": rights, "tags": [], "caption": ""}


@pytest.fixture
def files(tmp_path):
    for n in "abcdefghijklmn":
        (tmp_path / n).write_bytes(b"x")
    return tmp_path


def _day(days):
    return (TODAY + dt.timedelta(days=days)).isoformat()


def test_plan_gate_every_status_and_expiry(files):
    docs = [
        _asset("a", "cleared.jpg", files / "a"),
        _asset("b", "tomorrow.jpg", files / "b", expires=_day(1)),
        _asset("c", "today.jpg", files / "c", expires=_day(0)),
        _asset("d", "yesterday.jpg", files / "d", expires=_day(-1)),
        _asset("e", "internal.jpg", files / "e", status="internal"),
        _asset("f", "internal-old.jpg", files / "f", status="internal", expires=_day(-3)),
        _asset("g", "pending.jpg", files / "g", status="pending"),
        _asset("h", "unknown.jpg", files / "h", status="unknown"),
        _asset("i", "restricted.jpg", files / "i", status="restricted"),
        _asset("j", "gone.jpg", files / "nowhere"),
        _asset("k", "broken.jpg", files / "k", file_status="error"),
        _asset("l", "clip.mp4", files / "l", kind="video"),
    ]
    cat = FakeCatalog(docs)
    before = sorted(p.name for p in files.iterdir())
    ext = prepare(cat, "", today=TODAY)
    assert [i.asset["id"] for i in ext.items] == ["a", "b", "c", "l"]
    reasons = {x.asset_id: x.reason for x in ext.left_out}
    assert set(reasons) == set("defghijk")
    assert "expired" in reasons["d"] and "internal" in reasons["e"]
    assert reasons["g"] == "rights pending" and reasons["i"] == "restricted"
    assert "not recorded" in reasons["h"] and "not found" in reasons["j"]
    assert "error" in reasons["k"]
    internal = prepare(cat, "", audience="internal", videos=False, today=TODAY)
    assert [i.asset["id"] for i in internal.items] == ["a", "b", "c", "e"]
    assert "--no-videos" in {x.asset_id: x.reason for x in internal.left_out}["l"]
    assert "expired" in {x.asset_id: x.reason for x in internal.left_out}["f"]
    assert sorted(p.name for p in files.iterdir()) == before  # prepare wrote nothing


def test_plan_names_and_modes(files):
    docs = [_asset("a", "../../evil.jpg", files / "a"), _asset("b", "CON.jpg", files / "b"),
            _asset("c", "=cmd|x.HEIC", files / "c"), _asset("d", "=cmd|x.jpg", files / "d"),
            _asset("e", "a\nb.mov", files / "e", kind="video")]
    plan = prepare(FakeCatalog(docs), "", mode="renditions", long_edge=1024, today=TODAY)
    files_ = [i.file for i in plan.items]
    assert files_ == ["_.._evil.jpg", "_CON.jpg", "=cmd_x.jpg", "=cmd_x (2).jpg", "a b.mov"]
    assert [i.action for i in plan.items] == ["render"] * 4 + ["strip"]  # video: tags out
    assert plan.items[0].size == (1024, 768) and plan.items[0].sidecar == "_.._evil.jpg.xmp"
    assert plan.items[0].original_name == "../../evil.jpg"
    short = prepare(FakeCatalog(docs), "", sidecars="short", today=TODAY)
    assert short.items[2].sidecar == "=cmd_x.xmp" and short.items[3].file == "=cmd_x (2).jpg"
    by_ids = prepare(FakeCatalog(docs), ["b", "a", "b"], sidecars="none", today=TODAY)
    assert [i.asset["id"] for i in by_ids.items] == ["b", "a"] and by_ids.items[0].sidecar is None


@pytest.mark.parametrize("kwargs", [{"audience": "public"}, {"mode": "thumbs"},
                                    {"sidecars": "long"}, {"mode": "renditions", "long_edge": 0}])
def test_plan_rejects_bad_options(kwargs):
    with pytest.raises(PackError):
        prepare(FakeCatalog([]), "", **kwargs)


NS = xmp.NS


def test_xmp_packet_parses_and_carries_every_field():
    asset = {"tags": ["creator:@nova", "places/Sydney/Opera House", "campaign:LIVE Fest"],
             "caption": "@nova <on> stage & more\x07",
             "rights": {**empty_rights(), "status": "cleared", "owner": "Nova Li",
                        "credit": "Photo: Nova", "terms": "Social only", "expires": "2027-01-31",
                        "model_release": "MR-LMR"}}
    root = ET.fromstring(xmp.packet(asset).decode("utf-8").split("?>", 1)[1].rsplit("<?", 1)[0])
    desc = root.find("rdf:RDF/rdf:Description", NS)
    bag = lambda p: [li.text for li in desc.findall(f"{p}/*/rdf:li", NS)]  # noqa: E731
    assert bag("dc:subject") == ["creator:@nova", "Opera House", "campaign:LIVE Fest"]
    assert bag("lr:hierarchicalSubject") == ["creator|@nova", "places|Sydney|Opera House",
                                             "campaign|LIVE Fest"]
    assert bag("dc:description") == ["@nova <on> stage & more"]
    assert bag("dc:rights") == ["© Nova Li"] and bag("dc:creator") == ["Nova Li"]
    assert bag("xmpRights:UsageTerms") == ["Social only. Use until 2027-01-31."]
    assert desc.find("photoshop:Credit", NS).text == "Photo: Nova"
    assert desc.find("xmpRights:Marked", NS).text == "True"
    assert desc.find("plus:ModelReleaseStatus", NS).text == \
        "http://ns.useplus.org/ldf/vocab/MR-LMR"
    alt = desc.find("dc:description/rdf:Alt/rdf:li", NS)
    assert alt.get("{http://www.w3.org/XML/1998/namespace}lang") == "x-default"


def test_xmp_marked_absent_without_owner():
    asset = {"tags": [], "caption": "", "rights": {**empty_rights(), "status": "cleared"}}
    assert b"Marked" not in xmp.packet(asset) and b"Licensor" not in xmp.packet(asset)


@pytest.mark.parametrize("cell,safe", [("=1+1", "'=1+1"), ("+61 400", "'+61 400"),
                                       ("-5", "'-5"), ("@nova", "'@nova"), ("\tx", "'\tx"),
                                       ("\rx", "'\rx"), ("\nx", "'\nx"), ("ok = fine", "ok = fine"),
                                       (None, ""), (["a", "=b"], "a; =b")])
def test_manifest_cells_are_formula_safe(cell, safe):
    assert text_cell(cell) == safe


def test_renditions_keep_icc_and_flatten_alpha(tmp_path):
    import io

    from PIL import Image, ImageCms

    from liveassets.packs.renditions import render_jpeg

    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    Image.new("RGB", (400, 100), (10, 200, 30)).save(tmp_path / "icc.jpg", icc_profile=icc)
    data, size = render_jpeg(str(tmp_path / "icc.jpg"), 200, xmp=b"<x:xmpmeta/>")
    im = Image.open(io.BytesIO(data))
    assert size == im.size == (200, 50) and im.info["icc_profile"] == icc
    assert im.info["xmp"] == b"<x:xmpmeta/>"
    Image.new("CMYK", (50, 50), (0, 255, 255, 0)).save(tmp_path / "cmyk.jpg")
    im = Image.open(io.BytesIO(render_jpeg(str(tmp_path / "cmyk.jpg"), 100)[0]))
    assert im.mode == "RGB" and im.getpixel((25, 25))[0] > 200
    clear = Image.new("RGBA", (60, 60), (255, 0, 0, 0))
    clear.save(tmp_path / "clear.png")
    im = Image.open(io.BytesIO(render_jpeg(str(tmp_path / "clear.png"), 100)[0]))
    assert min(im.getpixel((30, 30))) > 245  # transparent becomes white, not black
