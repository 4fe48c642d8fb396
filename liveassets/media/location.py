"""Where a file says it was made, and copies that no longer say it.

Phones write the place a photo or clip was taken: GPS tags in a photo's EXIF, and in a clip the
QuickTime key `com.apple.quicktime.location.ISO6709` (iPhone), the `©xyz` user-data atom
(Android) or a 3GPP `loci` box, next to the device's make and model; geotagging tools and
editors may write it only in XMP (xmp_location.py). The scanner reads them
into an asset's `gps` fact (probe.py); public exports leave them out: JPEG renditions carry no
EXIF at all (packs/renditions.py), renders are encoded from decoded frames, and
`copy_video_without_location` remuxes a clip without its container and stream tags.
"""

from __future__ import annotations

import os
import subprocess
import tempfile

from liveassets.errors import UserError
from liveassets.jobs import CancelToken


class LocationError(UserError):
    """A clip that could not be copied without its location (damaged or unreadable)."""


def has_location(asset: dict) -> bool:
    """True when the scanner found a position in the file (the asset's `gps` fact)."""
    gps = asset.get("gps")
    return isinstance(gps, dict) and gps.get("lat") is not None and gps.get("lon") is not None


def describe(gps: dict | None) -> str:
    """'33.8688° S, 151.2093° E' for a `gps` fact ({"lat", "lon"} in signed degrees), '' when
    there is none. Four decimals: about 11 m, what phones record."""
    if not isinstance(gps, dict) or gps.get("lat") is None or gps.get("lon") is None:
        return ""
    lat, lon = float(gps["lat"]), float(gps["lon"])
    return (f"{abs(lat):.4f}\u00b0 {'S' if lat < 0 else 'N'}, "
            f"{abs(lon):.4f}\u00b0 {'W' if lon < 0 else 'E'}")


def copy_video_without_location(source: str, dest: str, cancel: CancelToken | None = None) -> None:
    """Write `dest`: the video and sound streams of `source`, not re-encoded, with every
    container and stream tag left out (`-map_metadata -1`): the location keys, make, model and
    software go; what players need stays, because it is not a tag (the display matrix that turns
    a portrait clip, colour and HDR signalling, which live in the codec parameters and stream
    side data). Other tracks (timed metadata, timecode, chapters) are not copied either: an
    iPhone's timed-metadata track can itself hold positions.

    Raises LocationError (one line naming the file) when ffmpeg cannot read or write it, and
    OSError for a full disk. `source` is only read; `dest` must not exist."""
    import imageio_ffmpeg

    cancel = cancel or CancelToken()
    ext = os.path.splitext(dest)[1].lower()
    cmd = [imageio_ffmpeg.get_ffmpeg_exe(), "-nostdin", "-v", "error", "-n", "-i", source,
           "-map", "0:v?", "-map", "0:a?", "-c", "copy", "-map_metadata", "-1",
           "-map_metadata:s", "-1", "-map_chapters", "-1"]
    if ext in (".mp4", ".mov", ".m4v"):
        cmd += ["-movflags", "+faststart"]
    cmd.append(dest)
    with tempfile.TemporaryFile() as log:  # a file, never a pipe that could fill and stall
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=log)
        try:
            while True:
                try:
                    code = proc.wait(timeout=0.2)
                    break
                except subprocess.TimeoutExpired:
                    if cancel.cancelled:
                        proc.kill()
                        proc.wait()
                        _remove(dest)
                        cancel.raise_if_cancelled()
        except BaseException:
            proc.kill()
            proc.wait()
            _remove(dest)
            raise
        if code:
            _remove(dest)
            log.seek(0)
            said = log.read().decode("utf-8", "replace").strip().splitlines()
            if any("No space left" in line for line in said):
                raise OSError(28, "No space left on device", dest)
            detail = said[-1] if said else f"ffmpeg exit code {code}"
            raise LocationError(f"{os.path.basename(source)} could not be copied without its "
                                f"location ({detail}); leave it out or pack originals.")


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
