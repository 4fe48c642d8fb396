"""Cut rendering speed and memory beside a hand-written ffmpeg filtergraph doing the same job
with the same codec settings, measured in the same run; printed as JSON.

Figures (issue 4): plain cut (3 segments of 1080p sources cropped to 1080x1920, 15 s); the same
with title card, caption, logo, music and crossfades; preview render speed; peak memory while
rendering a 60 s cut; quick export speed. Each timing is the median of --runs runs; the spread
(min..max) is printed too, because the 2-core machine is shared. Sources are made once with
the bundled ffmpeg (testsrc2 + sine) into --cache.

Run: python tests/bench/bench_cuts.py [--runs 3] [--cache /tmp/liveassets-bench-cuts]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from PIL import Image, ImageDraw

from liveassets.cuts.frames import COLOR, ffmpeg_exe, to_rgb
from liveassets.cuts.stills import caption_overlay, card_frame, logo_overlay
from liveassets.cuts.plan import CutPlan
from liveassets.cuts.quick import quick_export
from liveassets.cuts.render import codec_args, render

FF = ffmpeg_exe()
W, H = 1080, 1920
SEGS = [("a.mp4", 2.0, 7.0), ("b.mp4", 3.0, 8.0), ("c.mp4", 1.0, 6.0)]


def make_sources(cache: Path) -> None:
    cache.mkdir(parents=True, exist_ok=True)
    for i, name in enumerate(["a.mp4", "b.mp4", "c.mp4", "long.mp4"]):
        if (cache / name).exists():
            continue
        seconds = 70 if name == "long.mp4" else 20
        subprocess.run([FF, "-v", "error", "-y", "-f", "lavfi", "-i",
                        f"testsrc2=size=1920x1080:rate=30:duration={seconds}",
                        "-f", "lavfi", "-i", f"sine=frequency={300 + 150 * i}:sample_rate=48000"
                        f":duration={seconds}", "-c:v", "libx264", "-preset", "veryfast",
                        "-crf", "21", "-g", "60", "-pix_fmt", "yuv420p", "-c:a", "aac",
                        "-ac", "2", "-shortest", str(cache / name)], check=True)
    if not (cache / "bed.m4a").exists():
        subprocess.run([FF, "-v", "error", "-y", "-f", "lavfi", "-i",
                        "sine=frequency=220:sample_rate=48000:duration=30", "-ac", "2",
                        "-c:a", "aac", str(cache / "bed.m4a")], check=True)
    if not (cache / "logo.png").exists():
        im = Image.new("RGBA", (400, 160), (0, 0, 0, 0))
        ImageDraw.Draw(im).rounded_rectangle((0, 0, 399, 159), 30, fill=(255, 40, 90, 230))
        im.save(cache / "logo.png")


def plan_for(cache: Path, dressed: bool, segs=SEGS) -> CutPlan:
    data = {"name": "Bench cut", "format": "9:16", "fps": 30, "purpose": "internal",
            "segments": [{"source": s, "start": a, "end": b, "reframe": "crop", "x": 0.5}
                         for s, a, b in segs], "crossfade": 0}
    if dressed:
        data.update(title={"text": "LIVE Creator Meetup", "seconds": 2.0}, crossfade=0.5,
                    caption="Sydney, 21 Nov", logo={"source": "logo.png", "corner": "top-right"},
                    music={"source": "bed.m4a", "volume": 0.4, "duck": 1.0})
    return CutPlan.from_dict(data, base=cache)


def reference_cmd(cache: Path, out: Path, dressed: bool, preview=False) -> list[str]:
    """One ffmpeg process: seek, crop, scale, (overlay, xfade, amix) and concat."""
    w, h = (W // 2, H // 2) if preview else (W, H)
    flags = (":flags=fast_bilinear" if preview else "") + COLOR  # as the app scales
    inputs, chains = [], []
    for k, (name, a, b) in enumerate(SEGS):
        inputs += ["-ss", str(a), "-t", str(b - a), "-i", str(cache / name)]
        cw = round(1080 * w / h / 2) * 2
        chains.append(f"[{k}:v]fps=30,crop={cw}:1080:(iw-{cw})/2:0,scale={w}:{h}{flags},"
                      f"setsar=1,format=yuv420p[v{k}]")
        chains.append(f"[{k}:a]aresample=48000,aformat=channel_layouts=stereo,"
                      f"afade=t=in:d=0.008,afade=t=out:st={b - a - 0.008}:d=0.008[a{k}]")
    if not dressed:
        chains.append("[v0][a0][v1][a1][v2][a2]concat=n=3:v=1:a=1[v][a]")
    else:
        # the same pictures our renderer draws, as PNGs: title card, caption band, logo
        Image.fromarray(to_rgb(card_frame((w, h), "LIVE Creator Meetup"))).save(cache / "ref_title.png")
        cap = caption_overlay((w, h), "Sydney, 21 Nov")
        logo = logo_overlay((w, h), str(cache / "logo.png"), "top-right", 0.18)
        for name, ov in (("ref_caption.png", cap), ("ref_logo.png", logo)):
            _overlay_png(ov).save(cache / name)
        n = len(SEGS)
        inputs += ["-loop", "1", "-t", "2", "-framerate", "30", "-i", str(cache / "ref_title.png"),
                   "-i", str(cache / "ref_caption.png"), "-i", str(cache / "ref_logo.png"),
                   "-i", str(cache / "bed.m4a"),
                   "-f", "lavfi", "-t", "2", "-i", "anullsrc=r=48000:cl=stereo"]
        t, c, lg, mu, sil = n, n + 1, n + 2, n + 3, n + 4
        chains.append(f"[{t}:v]fps=30,format=yuv420p,setsar=1[title]")
        chains.append("[v0][v1]xfade=transition=fade:duration=0.5:offset=4.5[x1];"
                      "[x1][v2]xfade=transition=fade:duration=0.5:offset=9[x2]")
        chains.append(f"[x2][{c}:v]overlay={cap.x}:{cap.y}[o1];[o1][{lg}:v]overlay={logo.x}:"
                      f"{logo.y},format=yuv420p[segs]")
        chains.append("[title][segs]concat=n=2:v=1:a=0[v]")
        chains.append("[a0][a1]acrossfade=d=0.5[y1];[y1][a2]acrossfade=d=0.5[y2]")
        chains.append(f"[{sil}:a][y2]concat=n=2:v=0:a=1[clips]")
        chains.append(f"[{mu}:a]aresample=48000,volume=0.4,afade=t=out:st=14.5:d=1.5[bed]")
        chains.append("[clips][bed]amix=inputs=2:duration=first:normalize=0[a]")
    return [FF, "-nostdin", "-v", "error", "-y", *inputs, "-filter_complex", ";".join(chains),
            "-map", "[v]", "-map", "[a]", *codec_args(preview), "-f", "mp4", str(out)]


def _overlay_png(ov) -> Image.Image:
    return Image.fromarray(ov.rgba)


def _cpu() -> float:
    """CPU seconds used so far by this process and its finished children (ffmpeg)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _summary(times, cpus) -> dict:
    return {"median_s": round(statistics.median(times), 2), "min_s": round(min(times), 2),
            "max_s": round(max(times), 2), "cpu_median_s": round(statistics.median(cpus), 2)}


def _once(fn) -> tuple[float, float]:
    cpu, start = _cpu(), time.perf_counter()
    fn()
    return time.perf_counter() - start, _cpu() - cpu


def timed(fn, runs: int) -> dict:
    """Wall and CPU seconds (CPU is steadier than wall on a shared machine)."""
    times, cpus = zip(*[_once(fn) for _ in range(runs)])
    return _summary(times, cpus)


def paired(ref_fn, app_fn, runs: int) -> tuple[dict, dict, list[float]]:
    """Reference and app run alternately, so a change in the machine's load hits both;
    also returns the app/reference wall ratio of each pair."""
    ref, app = [], []
    for _ in range(runs):
        ref.append(_once(ref_fn))
        app.append(_once(app_fn))
    ratios = [round(a[0] / r[0], 2) for r, a in zip(ref, app)]
    return _summary(*zip(*ref)), _summary(*zip(*app)), ratios


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, in MiB (Linux /proc)."""
    total, todo = 0, [str(pid)]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/statm") as fh:
                total += int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            with open(f"/proc/{p}/task/{p}/children") as fh:
                todo += fh.read().split()
        except OSError:
            continue
    return total / 2**20


def peak_memory_60s(cache: Path, out: Path) -> dict:
    """Render a 60 s dressed cut in a fresh process, sampling the resident memory of that
    process plus its ffmpeg children together every 0.1 s."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "sys.path.insert(0, %r)\n"
        "from bench_cuts import plan_for\n"
        "from liveassets.cuts.render import render\n"
        "segs = [('long.mp4', 0.0, 20.0), ('long.mp4', 25.0, 45.0), ('long.mp4', 48.0, 68.0)]\n"
        "render(plan_for(Path(%r), True, segs), %r)\n"
    ) % (str(Path(__file__).parent), str(cache), str(out))
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code])
    peak = 0.0
    while proc.poll() is None:
        peak = max(peak, tree_rss_mb(proc.pid))
        time.sleep(0.1)
    if proc.returncode:
        raise SystemExit("the 60 s render failed")
    return {"peak_tree_rss_mb": round(peak), "video_s": 62.0,
            "seconds": round(time.perf_counter() - start, 1)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cache", default="/tmp/liveassets-bench-cuts")
    ap.add_argument("--only", default="", help="comma list: plain,dressed,preview,memory,quick")
    args = ap.parse_args()
    cache = Path(args.cache)
    make_sources(cache)
    only = set(filter(None, args.only.split(",")))
    out = cache / "out"
    out.mkdir(exist_ok=True)
    report: dict = {"machine": {"cpus": os.cpu_count(),
                                "load_before": [round(x, 2) for x in os.getloadavg()]},
                    "runs": args.runs}
    for name, dressed in (("plain", False), ("dressed", True)):
        if only and name not in only:
            continue
        plan = plan_for(cache, dressed)
        ref, app, ratios = paired(
            lambda: subprocess.run(reference_cmd(cache, out / f"ref_{name}.mp4", dressed),
                                   check=True),
            lambda: render(plan, out / f"app_{name}.mp4"), args.runs)
        budget = 1.5 if name == "plain" else 2.0
        report[name] = {"video_s": plan.duration(), "app": app, "reference": ref,
                        "ratio": round(app["median_s"] / ref["median_s"], 2),
                        "pair_ratios": ratios,
                        "cpu_ratio": round(app["cpu_median_s"] / ref["cpu_median_s"], 2),
                        "budget_ratio": budget}
    if not only or "preview" in only:
        plan = plan_for(cache, True)
        ref, app, _ = paired(
            lambda: subprocess.run(reference_cmd(cache, out / "ref_preview.mp4", True,
                                                 preview=True), check=True),
            lambda: render(plan, out / "app_preview.mp4", preview=True), args.runs)
        report["preview"] = {"video_s": plan.duration(), "app": app, "reference": ref,
                             "x_realtime": round(plan.duration() / app["median_s"], 2),
                             "budget_x_realtime": 1.0}
    if not only or "memory" in only:
        report["memory_60s"] = peak_memory_60s(cache, out / "app_60s.mp4")
        report["memory_60s"]["budget_mb"] = 1024
    if not only or "quick" in only:
        segs = [("long.mp4", 0.0, 20.0), ("long.mp4", 25.0, 45.0), ("long.mp4", 48.0, 68.0)]
        plan = CutPlan.from_dict({"name": "Quick", "format": "16:9", "purpose": "internal",
                                  "segments": [{"source": s, "start": a, "end": b}
                                               for s, a, b in segs]}, base=cache)
        app = timed(lambda: quick_export(plan, out / "quick.mp4"), args.runs)
        report["quick_export"] = {"video_s": 60.0, "app": app,
                                  "x_realtime": round(60.0 / app["median_s"], 1),
                                  "budget_x_realtime": 50}
    report["machine"]["load_after"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
