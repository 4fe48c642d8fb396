"""HDR speed beside the same work done by one ffmpeg filtergraph, measured in the same run;
printed as JSON.

Figures (issue 10): a 15 s 9:16 cut of three 1080p HLG clips (tone mapped to SDR BT.709)
against ONE ffmpeg process doing the same tone mapping (media/colour.py's filter), crop, scale
and concat with the same x264 settings (veryfast, crf 20), budget 1.3x; thumbnails of HDR
clips against SDR ones, budget 2x. Sources (testsrc2 + sine, HLG by the issue's recipe:
zscale to BT.2020 HLG, libx265 Main10 with the HDR tags) are made once into --cache.

Run: python tests/bench/bench_hdr.py [--runs 3] [--cache /tmp/liveassets-bench-hdr]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_cuts import paired  # noqa: E402  (same pairing and summaries as the cut bench)
from liveassets.cuts.frames import COLOR, ffmpeg_exe  # noqa: E402
from liveassets.cuts.plan import CutPlan  # noqa: E402
from liveassets.cuts.render import codec_args, render  # noqa: E402
from liveassets.media import colour  # noqa: E402
from liveassets.media.probe import probe  # noqa: E402
from liveassets.media.thumbs import make_thumbnail  # noqa: E402

FF = ffmpeg_exe()
W, H = 1080, 1920
SEGS = [("a.mp4", 2.0, 7.0), ("b.mp4", 3.0, 8.0), ("c.mp4", 1.0, 6.0)]


def make_sources(cache: Path) -> None:
    cache.mkdir(parents=True, exist_ok=True)
    for i, name in enumerate(["a.mp4", "b.mp4", "c.mp4"]):
        if (cache / name).exists():
            continue
        subprocess.run([FF, "-v", "error", "-y", "-f", "lavfi", "-i",
                        "testsrc2=size=1920x1080:rate=30:duration=10", "-f", "lavfi", "-i",
                        f"sine=frequency={300 + 150 * i}:sample_rate=48000:duration=10",
                        "-vf", "setparams=color_primaries=bt709:color_trc=bt709:"
                        "colorspace=bt709:range=tv,zscale=t=linear:npl=203,format=gbrpf32le,"
                        "zscale=p=bt2020:t=arib-std-b67:m=bt2020nc:r=tv,format=yuv420p10le",
                        "-c:v", "libx265", "-preset", "ultrafast", "-crf", "22",
                        "-x265-params", "colorprim=bt2020:transfer=arib-std-b67:"
                        "colormatrix=bt2020nc:keyint=60:log-level=error",
                        "-c:a", "aac", "-ac", "2", "-shortest", str(cache / name)], check=True)
    if not (cache / "sdr.mp4").exists():
        subprocess.run([FF, "-v", "error", "-y", "-f", "lavfi", "-i",
                        "testsrc2=size=1920x1080:rate=30:duration=3", "-c:v", "libx264",
                        "-preset", "veryfast", "-pix_fmt", "yuv420p", str(cache / "sdr.mp4")],
                       check=True)


def plan_for(cache: Path) -> CutPlan:
    return CutPlan.from_dict({
        "name": "HDR bench", "format": "9:16", "fps": 30, "purpose": "internal",
        "segments": [{"source": s, "start": a, "end": b, "reframe": "crop", "x": 0.5}
                     for s, a, b in SEGS], "crossfade": 0}, base=cache)


def reference_cmd(cache: Path, out: Path) -> list[str]:
    """One ffmpeg process: seek, tone map (the same filter), crop, scale and concat."""
    tonemap = colour.tonemap_filter(colour.from_facts(probe(str(cache / "a.mp4"))))
    inputs, chains = [], []
    for k, (name, a, b) in enumerate(SEGS):
        inputs += ["-ss", str(a), "-t", str(b - a), "-i", str(cache / name)]
        cw = round(1080 * W / H / 2) * 2
        chains.append(f"[{k}:v]{tonemap},fps=30,crop={cw}:1080:(iw-{cw})/2:0,"
                      f"scale={W}:{H}{COLOR},setsar=1,format=yuv420p[v{k}]")
        chains.append(f"[{k}:a]aresample=48000,aformat=channel_layouts=stereo[a{k}]")
    chains.append("[v0][a0][v1][a1][v2][a2]concat=n=3:v=1:a=1[v][a]")
    return [FF, "-nostdin", "-v", "error", "-y", *inputs, "-filter_complex", ";".join(chains),
            "-map", "[v]", "-map", "[a]", *codec_args(False), "-f", "mp4", str(out)]


def thumb_times(path: str, runs: int) -> list[float]:
    times = []
    with tempfile.TemporaryDirectory() as d:
        for _ in range(runs):
            start = time.perf_counter()
            make_thumbnail(path, "video", os.path.join(d, "t.jpg"))
            times.append(time.perf_counter() - start)
    return times


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cache", default="/tmp/liveassets-bench-hdr")
    args = ap.parse_args()
    cache = Path(args.cache)
    make_sources(cache)
    out = cache / "out"
    out.mkdir(exist_ok=True)
    report: dict = {"machine": {"cpus": os.cpu_count(),
                                "load_before": [round(x, 2) for x in os.getloadavg()]},
                    "runs": args.runs}
    plan = plan_for(cache)
    ref, app, ratios = paired(
        lambda: subprocess.run(reference_cmd(cache, out / "ref_hlg.mp4"), check=True),
        lambda: render(plan, out / "app_hlg.mp4"), args.runs)
    report["hlg_cut"] = {"video_s": plan.duration(), "app": app, "reference": ref,
                         "ratio": round(app["median_s"] / ref["median_s"], 2),
                         "pair_ratios": ratios,
                         "cpu_ratio": round(app["cpu_median_s"] / ref["cpu_median_s"], 2),
                         "budget_ratio": 1.3}
    sdr, hdr = [], []
    for _ in range(max(3, args.runs)):  # alternate, so load changes hit both
        sdr += thumb_times(str(cache / "sdr.mp4"), 1)
        hdr += thumb_times(str(cache / "a.mp4"), 1)
    report["thumbnail"] = {"sdr_median_s": round(statistics.median(sdr), 3),
                           "hdr_median_s": round(statistics.median(hdr), 3),
                           "ratio": round(statistics.median(hdr) / statistics.median(sdr), 2),
                           "budget_ratio": 2.0}
    report["machine"]["load_after"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
