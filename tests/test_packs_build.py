"""Asset packs read back: zip integrity, the rights gate, hostile names, sidecars and
embedded XMP (XML parser always, exiftool when installed), upright renditions, byte-identical
originals with untouched sources, manifest round trip, contact sheet, never-overwrite, cancel,
and the CLI."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from liveassets.catalog.catalog import Catalog
from liveassets.jobs import Cancelled, CancelToken
from liveassets.media.scan import scan
from liveassets.packs import manifest
from liveassets.packs.build import build
from liveassets.packs.plan import PackError, prepare
from liveassets.packs.xmp import NS
import mediagen

TODAY = dt.date.today()
EXIFTOOL = shutil.which("exiftool")
PDFTOPPM = shutil.which("pdftoppm")
# file name -> (rights status, expiry in days from today or None, goes out externally?)
CASES = {
    "🎉 party.jpg": ("cleared", None, True),
    "=cmd|' calc'!A0.jpg": ("cleared", 1, True),
    "CON.jpg": ("cleared", 0, True),
    "line\nbreak.jpg": ("cleared", None, True),
    "expired.jpg": ("cleared", -1, False),
    "team.jpg": ("internal", 30, False),
    "team-expired.jpg": ("internal", -30, False),
    "pending.jpg": ("pending", None, False),
    "unknown.jpg": ("unknown", None, False),
    "restricted.jpg": ("restricted", 10, False),
}


def _digest(path) -> tuple[str, int]:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest(), os.stat(path).st_mtime_ns


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    """A scanned library with every rights status and expiries on both sides of today."""
    root = tmp_path_factory.mktemp("packs")
    media = root / "media"
    for i, name in enumerate(CASES):
        mediagen.make_jpeg(media / name, size=(320, 240), color=(40 * i % 255, 90, 160))
    mediagen.make_marked_jpeg(media / "turned6.jpg", size=(300, 200), orientation=6)
    mediagen.make_video(media / "clip.mp4", size=(160, 90), seconds=0.5, audio=False)
    cat = Catalog(root / "lib")
    scan(cat, [media])
    by_name = {d["name"]: d["id"] for d in cat.all()}
    for name, (status, days, _) in CASES.items():
        expires = (TODAY + dt.timedelta(days=days)).isoformat() if days is not None else None
        cat.set_rights([by_name[name]], status=status, expires=expires, owner="Nova Li",
                       credit="Photo: @nova / LIVE ANZ", terms="Social and web, ANZ only",
                       model_release="MR-UMR")
    cat.set_rights([by_name["turned6.jpg"], by_name["clip.mp4"]], status="cleared",
                   credit="=HYPERLINK(\"x\")", owner="Agency")
    cat.tag(list(by_name.values()), add=["creator:@nova", "places/Sydney/Opera House"])
    cat.set_caption([by_name["🎉 party.jpg"]], "@nova on stage\n=SUM(A1)")
    sources = {p: _digest(p) for p in media.iterdir()}
    yield cat, root, by_name, sources
    cat.close()


@pytest.fixture(scope="module")
def rendition_pack(lib):
    cat, root, _, _ = lib
    plan = prepare(cat, "", mode="renditions", long_edge=256)
    report = build(cat, plan, root / "renditions.zip")
    return plan, report, zipfile.ZipFile(report.path)


def _xmp_root(data: bytes) -> ET.Element:
    text = data.decode("utf-8")
    return ET.fromstring(text[text.index("<x:xmpmeta"):text.index("</x:xmpmeta>") + 12])


def test_zip_is_whole_and_holds_only_what_the_gate_allowed(lib, rendition_pack):
    cat, root, by_name, _ = lib
    plan, report, zf = rendition_pack
    assert zf.testzip() is None
    originals = {r["original_name"] for r in report.rows}
    allowed = {n for n, (_, _, ok) in CASES.items() if ok} | {"turned6.jpg", "clip.mp4"}
    assert originals == allowed
    refused = {x.name: x.reason for x in report.left_out}
    assert set(refused) == set(CASES) - allowed
    assert "expired" in refused["expired.jpg"] and "internal" in refused["team.jpg"]
    for name in refused:  # nothing refused appears under any name
        digest = hashlib.sha256(Path(cat.get(by_name[name])["path"]).read_bytes()).digest()
        assert all(hashlib.sha256(zf.read(n)).digest() != digest for n in zf.namelist())
    names = set(zf.namelist())
    assert {"README.txt", "manifest.csv", "manifest.json", "contact_sheet.pdf"} <= names
    assert {"assets/🎉 party.jpg", "assets/=cmd_' calc'!A0.jpg", "assets/_CON.jpg",
            "assets/line break.jpg", "assets/clip.mp4"} <= names
    assert all(".." not in n and "\n" not in n for n in names)
    assert not [p for p in root.iterdir() if p.name.endswith(".partial")]
    readme = zf.read("README.txt").decode("utf-8-sig")
    assert "expired.jpg" in readme and "rights pending" in readme
    assert "Photo: @nova / LIVE ANZ" in readme


def test_media_stored_text_deflated(rendition_pack):
    zf = rendition_pack[2]
    for info in zf.infolist():
        want = zipfile.ZIP_DEFLATED if info.filename.endswith((".xmp", ".csv", ".json", ".txt")) \
            else zipfile.ZIP_STORED
        assert info.compress_type == want, info.filename


def test_sidecars_and_embedded_xmp_read_back(rendition_pack, tmp_path):
    zf = rendition_pack[2]
    sidecar = zf.read("assets/🎉 party.jpg.xmp")
    desc = _xmp_root(sidecar).find("rdf:RDF/rdf:Description", NS)
    assert [li.text for li in desc.findall("dc:subject/rdf:Bag/rdf:li", NS)] == \
        ["creator:@nova", "Opera House"]
    assert desc.find("dc:description/rdf:Alt/rdf:li", NS).text == "@nova on stage\n=SUM(A1)"
    embedded = Image.open(io.BytesIO(zf.read("assets/🎉 party.jpg"))).info["xmp"]
    edesc = _xmp_root(embedded).find("rdf:RDF/rdf:Description", NS)
    assert edesc.find("photoshop:Credit", NS).text == "Photo: @nova / LIVE ANZ"
    assert edesc.find("plus:ModelReleaseStatus", NS).text == \
        "http://ns.useplus.org/ldf/vocab/MR-UMR"
    if not EXIFTOOL:
        pytest.skip("exiftool not installed")
    zf.extract("assets/🎉 party.jpg.xmp", tmp_path)
    zf.extract("assets/🎉 party.jpg", tmp_path)
    for name in ("🎉 party.jpg.xmp", "🎉 party.jpg"):
        out = subprocess.run([EXIFTOOL, "-j", "-n", "-XMP:all", str(tmp_path / "assets" / name)],
                             capture_output=True, check=True)
        tags = json.loads(out.stdout)[0]
        assert tags["Subject"] == ["creator:@nova", "Opera House"]
        assert tags["HierarchicalSubject"] == ["creator|@nova", "places|Sydney|Opera House"]
        assert tags["Description"] == "@nova on stage\n=SUM(A1)"
        assert tags["Rights"] == "© Nova Li" and tags["Creator"] == "Nova Li"
        assert tags["Credit"] == "Photo: @nova / LIVE ANZ"
        assert tags["UsageTerms"] == "Social and web, ANZ only"
        assert tags["Marked"] in (True, "True", 1)
        # exiftool -n shows the PLUS code of the vocabulary URI the packet holds
        assert tags["ModelReleaseStatus"] == "MR-UMR"
        assert tags["LicensorName"] == "Nova Li"


def test_renditions_upright_and_sized(lib, rendition_pack):
    zf = rendition_pack[2]
    im = Image.open(io.BytesIO(zf.read("assets/turned6.jpg")))
    assert im.size == (256, 171) and im.getexif().get(0x0112) in (None, 1)
    top, bottom = im.getpixel((200, 20)), im.getpixel((200, 150))
    assert top[2] > 200 > top[0] and bottom[0] > 200 > bottom[2]  # blue on top, red below
    assert im.getpixel((5, 85))[1] > 150  # the green strip is on the left
    # a video goes in with its streams as they are (not re-encoded), only its tags left out
    import av

    def packets(source):
        with av.open(source) as c:
            return [bytes(p) for p in c.demux(video=0) if p.size]

    assert packets(io.BytesIO(zf.read("assets/clip.mp4"))) == packets(
        lib[0].get(lib[2]["clip.mp4"])["path"])


def test_renditions_of_corpus_orientations_match_the_upright_ones(corpus, tmp_path):
    """Every orientation image renders like its *_1 twin (which needs no turning)."""
    media = tmp_path / "media"
    media.mkdir()
    for p in corpus.glob("jpg_orientation__*.jpg"):
        shutil.copyfile(p, media / p.name)
    shutil.copyfile(next(corpus.glob("heic__*.HEIC")), media / "phone.HEIC")
    with Catalog(tmp_path / "lib") as cat:
        scan(cat, [media], thumbnails=False)
        cat.set_rights([d["id"] for d in cat.all()], status="cleared")
        report = build(cat, prepare(cat, "", mode="renditions", long_edge=300),
                       tmp_path / "out")
    out = tmp_path / "out" / "assets"
    assert Image.open(out / "phone.jpg").size == (232, 300)
    for shape in ("landscape", "portrait"):
        ref = Image.open(out / f"jpg_orientation__{shape}_1.jpg").convert("L")
        for n in ((3, 6, 8) if shape == "landscape" else (5, 6, 8)):
            got = Image.open(out / f"jpg_orientation__{shape}_{n}.jpg").convert("L")
            assert got.size == ref.size
            diff = sum(abs(a - b) for a, b in zip(got.resize((30, 30)).getdata(),
                                                  ref.resize((30, 30)).getdata())) / 900
            assert diff < 25, (shape, n, diff)  # only the digit in the middle differs
    assert report.files == 9


def test_originals_byte_identical_sources_untouched(lib, tmp_path):
    cat, root, by_name, sources = lib
    report = build(cat, prepare(cat, "", audience="internal", sidecars="short"),
                   tmp_path / "pack")
    for row in report.rows:
        assert (tmp_path / "pack" / row["file"]).read_bytes() == \
            Path(row["original_path"]).read_bytes()
        assert (tmp_path / "pack" / row["sidecar"]).is_file() and row["sidecar"].endswith(".xmp")
    assert "team.jpg" in {r["original_name"] for r in report.rows}
    assert {p: _digest(p) for p in sources} == sources  # same bytes, same mtime


def test_manifest_round_trip(lib, rendition_pack):
    cat, _, by_name, _ = lib
    _, report, zf = rendition_pack
    raw = zf.read("manifest.csv")
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = manifest.read_csv(raw)
    doc = json.loads(zf.read("manifest.json"))
    assert len(rows) == len(doc["files"]) == report.files
    js = {r["original_name"]: r for r in doc["files"]}
    cs = {r["original_name"].lstrip("'"): r for r in rows}
    party = js["🎉 party.jpg"]
    assert party["caption"] == "@nova on stage\n=SUM(A1)" and party["size"] == "320x240"
    assert party["file"] == "assets/🎉 party.jpg" and party["pack_size"] == "256x192"
    assert party["tags"] == ["creator:@nova", "places/Sydney/Opera House"]
    assert party["original_path"] == cat.get(by_name["🎉 party.jpg"])["path"]
    assert cs["🎉 party.jpg"]["caption"] == "'@nova on stage\n=SUM(A1)"
    assert cs["=cmd|' calc'!A0.jpg"]["original_name"] == "'=cmd|' calc'!A0.jpg"
    assert cs["=cmd|' calc'!A0.jpg"]["file"] == "assets/=cmd_' calc'!A0.jpg"
    assert cs["turned6.jpg"]["credit"] == "'=HYPERLINK(\"x\")"
    assert js["line\nbreak.jpg"]["rights_expires"] is None
    assert js["CON.jpg"]["rights_expires"] == TODAY.isoformat()
    assert js["clip.mp4"]["kind"] == "video" and js["clip.mp4"]["duration"] > 0
    for r in rows:  # no cell a spreadsheet would run
        assert not any(v.startswith(("=", "+", "-", "@", "\t", "\r", "\n")) for v in r.values())
    assert {x["name"] for x in doc["left_out"]} == {x.name for x in report.left_out}


def test_contact_sheet_pages_and_first_page_renders(lib, tmp_path, rendition_pack):
    _, report, zf = rendition_pack
    pdf = zf.read("contact_sheet.pdf")
    assert pdf.startswith(b"%PDF") and report.pages == 1
    cat = lib[0]
    # 21+ entries need two pages: pack the same assets three times under numbered names
    many = prepare(cat, "", audience="internal")
    many.items.extend(many.items * 2)
    big = build(cat, _renamed(many), tmp_path / "big.zip")
    assert big.pages == 2 and big.files == len(many.items)
    data = zipfile.ZipFile(big.path).read("contact_sheet.pdf")
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", data)) == 2
    if not PDFTOPPM:
        pytest.skip("pdftoppm not installed")
    (tmp_path / "sheet.pdf").write_bytes(data)
    subprocess.run([PDFTOPPM, "-r", "30", "-png", "-f", "1", "-l", "1", str(tmp_path / "sheet.pdf"),
                    str(tmp_path / "page")], check=True)
    page = Image.open(next(tmp_path.glob("page*.png")))
    assert abs(page.width / page.height - 210 / 297) < 0.01  # A4 portrait
    assert len(set(page.convert("L").getdata())) > 20  # thumbnails and text, not a blank page


def _renamed(plan):
    from dataclasses import replace

    from liveassets.packs.names import NameAllocator

    names = NameAllocator()
    plan.items[:] = [replace(i, file=(f := names.allocate(i.file, lambda n: [n + ".xmp"])),
                             sidecar=f + ".xmp") for i in plan.items]
    return plan


def test_never_overwrites_unless_forced(lib, tmp_path):
    cat = lib[0]
    plan = prepare(cat, "kind:video")
    target = tmp_path / "pack.zip"
    target.write_bytes(b"someone's zip")
    with pytest.raises(PackError, match="exists already"):
        build(cat, plan, target)
    assert target.read_bytes() == b"someone's zip"
    build(cat, plan, target, force=True)
    assert zipfile.ZipFile(target).testzip() is None
    folder = tmp_path / "notapack"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine")
    with pytest.raises(PackError, match="not an asset pack"):
        build(cat, plan, folder, force=True)
    assert (folder / "keep.txt").read_text() == "mine"
    build(cat, plan, tmp_path / "dirpack")
    build(cat, plan, tmp_path / "dirpack", force=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dirpack", "notapack", "pack.zip"]
    media = Path(cat.get(lib[2]["clip.mp4"])["path"]).parent
    with pytest.raises(PackError, match="holds originals"):
        build(cat, plan, media, force=True)


@pytest.mark.parametrize("out", ["c.zip", "cdir"])
def test_cancel_leaves_nothing(lib, tmp_path, out):
    cat = lib[0]
    token = CancelToken()
    seen = []

    def progress(p):
        seen.append(p)
        if p.done >= 2:
            token.cancel()

    with pytest.raises(Cancelled):
        build(cat, prepare(cat, "", mode="renditions", long_edge=64), tmp_path / out,
              progress=progress, cancel=token)
    assert list(tmp_path.iterdir()) == []
    assert seen[0].phase == "Packing files"


def test_cli_pack(tmp_path, capsys):
    from liveassets.cli.main import main

    media = tmp_path / "media"
    for name in ("🎉 party.jpg", "line\nbreak.jpg", "pending.jpg"):
        mediagen.make_jpeg(media / name, size=(200, 150))
    mediagen.make_video(media / "clip.mp4", size=(160, 90), seconds=0.3, audio=False)
    with Catalog(tmp_path / "lib") as cat:
        scan(cat, [media])
        ids = {d["name"]: d["id"] for d in cat.all()}
        cat.set_rights([i for n, i in ids.items() if n != "pending.jpg"], status="cleared",
                       credit="Photo: Nova")
        cat.set_rights([ids["pending.jpg"]], status="pending")
    lib = ["--library", str(tmp_path / "lib"), "pack"]
    out = tmp_path / "cli.zip"
    assert main([*lib, "", "-o", str(out), "--renditions", "128", "--no-videos",
                 "--sidecars", "short"]) == 0
    text = capsys.readouterr().out
    assert "Wrote" in text and "2 file(s)" in text and "pending.jpg: rights pending" in text
    assert "clip.mp4: video left out (--no-videos)" in text
    names = zipfile.ZipFile(out).namelist()
    assert "assets/🎉 party.xmp" in names and "assets/line break.jpg" in names
    assert "assets/clip.mp4" not in names
    assert main([*lib, "", "-o", str(out)]) == 1
    assert "exists already" in capsys.readouterr().err
    assert main([*lib, "", "-o", str(tmp_path / "zero.zip"), "--renditions", "0"]) == 1
    assert "long edge of 0 px" in capsys.readouterr().err
    assert main([*lib, "", "-o", str(out), "--force", "--audience", "internal"]) == 0
    assert "assets/clip.mp4" in zipfile.ZipFile(out).namelist()
    assert main([*lib, "pending", "-o", str(tmp_path / "none.zip")]) == 1
    err = capsys.readouterr().err
    assert "Nothing to pack" in err and "rights pending" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cli.zip", "lib", "media"]


class _HostileCatalog:
    """Real files under names a Linux file system cannot hold (a path in the name)."""

    def __init__(self, folder, docs):
        self.folder, self.docs = folder, {d["id"]: d for d in docs}

    def query(self, text, today=None):
        return list(self.docs.values())

    def get(self, aid):
        from liveassets.catalog.errors import CatalogError

        if aid not in self.docs:
            raise CatalogError(f"No asset with id {aid} in this library.")
        return self.docs[aid]

    def by_path(self, path):
        return next((d for d in self.docs.values() if d["path"] == path), None)

    def all(self):
        return list(self.docs.values())


def test_hostile_names_stay_inside_the_pack(tmp_path):
    from liveassets.catalog.rights import empty_rights

    src = Path(mediagen.make_jpeg(tmp_path / "src" / "a.jpg", size=(60, 40)))
    names = ["../../evil.jpg", "..\\..\\evil.jpg", "/etc/passwd", "CON.jpg", "nul",
             "=cmd|' /C calc'!A0.jpg", "a\r\nb.jpg", "🎉.jpg", "🎉.JPG", "x" * 300 + ".jpg"]
    docs = [{"id": f"id{i}", "name": n, "path": str(src), "kind": "image", "status": "ok",
             "width": 60, "height": 40, "tags": [], "caption": "", "thumbnail": None,
             "rights": {**empty_rights(), "status": "cleared"}} for i, n in enumerate(names)]
    cat = _HostileCatalog(tmp_path / "lib", docs)
    (tmp_path / "out").mkdir()
    report = build(cat, prepare(cat, ""), tmp_path / "out" / "p.zip")
    zf = zipfile.ZipFile(report.path)
    assert zf.testzip() is None
    files = [n for n in zf.namelist() if n.startswith("assets/") and not n.endswith(".xmp")]
    assert len(files) == len(names)
    assert len({n.casefold() for n in files}) == len(files)
    dest = tmp_path / "unzipped"
    zf.extractall(dest)
    for n in files:
        leaf = n.split("/", 1)[1]
        assert "/" not in leaf and "\\" not in leaf and "\n" not in leaf and "\r" not in leaf
        assert len(leaf.encode()) <= 150 and (dest / n).resolve().parent == (dest / "assets")
    assert {r["original_name"] for r in report.rows} == set(names)  # the manifest keeps them
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "src", "unzipped"]


def test_unreadable_photo_is_left_out_with_reason(tmp_path):
    from liveassets.catalog.rights import empty_rights

    good = mediagen.make_jpeg(tmp_path / "src" / "good.jpg", size=(60, 40))
    bad = mediagen.make_text_as_jpg(tmp_path / "src" / "bad.jpg")
    docs = [{"id": n, "name": n + ".jpg", "path": p, "kind": "image", "status": "ok",
             "width": 60, "height": 40, "tags": [], "caption": "", "thumbnail": None,
             "rights": {**empty_rights(), "status": "cleared"}} for n, p in
            (("good", good), ("bad", bad))]
    cat = _HostileCatalog(tmp_path / "lib", docs)
    report = build(cat, prepare(cat, "", mode="renditions"), tmp_path / "p.zip")
    assert [r["original_name"] for r in report.rows] == ["good.jpg"]
    assert [(x.name, x.reason.split(":")[0]) for x in report.left_out] == \
        [("bad.jpg", "could not be made into a JPEG")]
    names = zipfile.ZipFile(report.path).namelist()
    assert "assets/bad.jpg" not in names and "assets/bad.jpg.xmp" not in names
    assert "bad.jpg: could not be made" in zipfile.ZipFile(report.path).read(
        "README.txt").decode("utf-8-sig")


def test_zip64_entries_read_back(lib, tmp_path, monkeypatch):
    """Packs past 4 GiB use ZIP64: pretend the limit is 4 KiB so small files take that path."""
    cat = lib[0]
    monkeypatch.setattr(zipfile, "ZIP64_LIMIT", 1 << 12)
    report = build(cat, prepare(cat, ""), tmp_path / "big.zip")
    monkeypatch.undo()
    zf = zipfile.ZipFile(report.path)
    assert zf.testzip() is None
    video = zf.getinfo("assets/clip.mp4")
    assert video.extra[:2] == b"\x01\x00"  # the ZIP64 extended-information field
    assert zf.read("assets/clip.mp4") == Path(cat.get(lib[2]["clip.mp4"])["path"]).read_bytes()


def test_rights_changed_after_the_preview_keep_the_asset_out(tmp_path):
    from liveassets.catalog.rights import empty_rights

    src = [mediagen.make_jpeg(tmp_path / "src" / f"{n}.jpg", size=(60, 40)) for n in "abc"]
    docs = [{"id": n, "name": n + ".jpg", "path": p, "kind": "image", "status": "ok",
             "width": 60, "height": 40, "tags": [], "caption": "", "thumbnail": None,
             "rights": {**empty_rights(), "status": "cleared", "credit": "old"}}
            for n, p in zip("abc", src)]
    cat = _HostileCatalog(tmp_path / "lib", docs)
    plan = prepare(cat, "")
    assert len(plan.items) == 3
    cat.docs["a"] = {**cat.docs["a"], "rights": {**empty_rights(), "status": "pending"}}
    cat.docs["b"] = {**cat.docs["b"], "rights": {**empty_rights(), "status": "cleared",
                                                 "credit": "new credit"}}
    del cat.docs["c"]
    report = build(cat, plan, tmp_path / "p.zip")
    zf = zipfile.ZipFile(report.path)
    assert [n for n in zf.namelist() if n.startswith("assets/") and n.endswith(".jpg")] == \
        ["assets/b.jpg"]
    assert b"new credit" in zf.read("assets/b.jpg.xmp")
    reasons = {x.name: x.reason for x in report.left_out}
    assert reasons == {"a.jpg": "rights pending (changed since the preview)",
                       "c.jpg": "removed from the library since the preview"}
