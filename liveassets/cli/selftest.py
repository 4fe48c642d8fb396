"""`liveassets --self-test`: a short end-to-end pass through every part, in a temporary folder.

Demo campaign, scan, one tag and rights edit, a small cut, a caption sheet, an asset pack,
highlight moments and the aligner's model, an analytics import and its weekly report (charts),
and the window opened offscreen on the result. Each step prints one line; the exit code is 0 only
when every step worked. Used in the source tree and in the built bundle.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
import traceback
from pathlib import Path
from liveassets import clock


def _steps(work: Path):
    from liveassets.catalog.catalog import Catalog
    from liveassets.demo.build import write_demo
    from liveassets.media.scan import scan

    media, lib = work / "demo", work / "library"
    write_demo(str(media))
    cat = Catalog(lib)
    try:
        report = scan(cat, [media])
        assert report.errors == 0 and report.found >= 40, report.summary()
        yield f"demo campaign and scan: {report.summary()}"

        photos = [d["id"] for d in cat.query("kind:image orient:landscape")][:3]
        clips = [d for d in cat.query("kind:video") if d.get("has_audio")]
        cat.tag(photos, add=["campaign:Self-test"])
        cat.set_rights(photos + [clips[0]["id"]], status="cleared",
                       expires=(clock.today() + dt.timedelta(days=30)).isoformat(),
                       credit="Photo: LiveAssets self-test", owner="LiveAssets")
        assert len(cat.query("tag:campaign:self-test rights:cleared")) == len(photos)
        yield f"tagged and cleared {len(photos)} photos"

        from liveassets.cuts.plan import CutPlan
        from liveassets.cuts.render import render

        clip = clips[0]
        plan = CutPlan.from_dict({
            "name": "Self-test recap", "format": "9:16", "fps": 30, "purpose": "public",
            "segments": [{"source": clip["path"], "start": 0.0,
                          "end": min(1.0, clip["duration"] or 1.0), "reframe": "crop", "x": 0.5},
                         {"source": cat.get(photos[0])["path"], "duration": 1.0}],
            "title": None, "caption": "Self-test 🎉", "crossfade": 0.0})
        out = work / "recap.mp4"
        render(plan, out, catalog=cat, size=(180, 320))
        assert out.stat().st_size > 1000
        from liveassets.media.text import fonts

        # the bundled colour emoji font and fontTools' table modules made it into the bundle
        assert fonts(True).face_for("🎉").color, "the bundled emoji font is missing"
        yield f"rendered a {plan.duration():.1f} s cut ({out.stat().st_size // 1024} KB)"

        from liveassets.publish.posts import PostStore
        from liveassets.publish.sheets import export

        store = PostStore(cat)
        store.create(asset_ids=photos[:1], body="@creator on stage at the self-test =1+1",
                     hashtags=["#LIVEFest"])
        sheet = work / "posts.xlsx"
        export(cat, store.all(), sheet)
        assert sheet.stat().st_size > 1000
        yield f"caption sheet of {len(store.all())} post(s)"

        from liveassets.packs.build import build
        from liveassets.packs.plan import prepare

        pack_plan = prepare(cat, "tag:campaign:self-test", mode="renditions", long_edge=512)
        pack = build(cat, pack_plan, work / "pack.zip")
        assert pack.files >= len(photos), pack
        yield f"asset pack with {pack.files} files ({len(pack_plan.left_out)} left out)"

        from liveassets.cuts.align import _decoder
        from liveassets.cuts.highlights import moments

        found = moments(clip["path"])
        _decoder()  # pocketsphinx's English model made it into the bundle
        yield f"{len(found)} highlight moment(s) in {clip['name']}; the aligner's model loads"

        from liveassets.analytics.importing import import_files
        from liveassets.analytics.outputs import write_report
        from liveassets.analytics.weekly import weekly_report

        overview = work / "Overview.csv"   # TikTok Studio's daily file, yearless dates
        days = "\n".join(f'"November {d}","{1000 + 10 * d}","{d}","{40 + d}","3","5"'
                         for d in range(16, 30))
        overview.write_text('\ufeff"Date","Video Views","Profile Views","Likes","Comments",'
                            f'"Shares"\n{days}', encoding="utf-8")
        import_files(cat, [overview], platform="tiktok", account="selftest",
                     as_of=dt.date(2026, 11, 30))
        figures = weekly_report(cat, "2026-W48")
        assert figures["platforms"]["tiktok"]["views"] == sum(1000 + 10 * d for d in range(23, 30))
        pdf = write_report(figures, work / "report.pdf", cat)
        assert pdf.read_bytes().startswith(b"%PDF")
        yield f"weekly report with charts ({pdf.stat().st_size // 1024} KB)"
    finally:
        cat.close()

    from liveassets.ui.window.smoke import window_rows

    rows = window_rows(lib, work)
    assert rows >= 40, rows
    yield f"window opened offscreen with {rows} assets"


def run() -> int:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="liveassets-selftest-") as tmp:
        try:
            for line in _steps(Path(tmp)):
                print(f"ok  {line}", flush=True)
        except Exception:  # a self-test reports every failure, whatever it is
            print("FAILED", file=sys.stderr)
            traceback.print_exc()
            return 1
    print(f"self-test passed in {time.perf_counter() - started:.1f} s")
    return 0
