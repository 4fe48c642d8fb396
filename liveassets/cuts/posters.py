"""Poster frames for the cut editor: the picture at a segment's in point, upright, small, so
each segment in the list (and its framing preview) shows what the cut will show there."""

from __future__ import annotations

import av
from PIL import Image

from liveassets.cuts.stills import open_upright
from liveassets.media.formats import kind_for
from liveassets.media.mp4box import mp4_layout
from liveassets.media.thumbs import upright_frame


def poster_at(path: str, seconds: float = 0.0, size: int = 360) -> Image.Image:
    """The picture shown `seconds` into `path` (a photo: the photo), at most `size` px, upright.
    Raises OSError / av errors for files that cannot be read."""
    if kind_for(path) == "image":
        im = open_upright(path).convert("RGB")
        im.thumbnail((size, size), Image.Resampling.LANCZOS)
        return im
    layout = mp4_layout(path)
    rotation = (layout.rotation or 0) if layout is not None else 0
    orientation = layout.orientation if layout is not None else None
    with av.open(path, metadata_errors="ignore") as container:
        stream = container.streams.video[0]
        start = float(stream.start_time * stream.time_base) if stream.start_time else 0.0
        target = start + max(0.0, float(seconds))
        container.seek(int(target / stream.time_base), stream=stream, backward=True)
        chosen = None
        for frame in container.decode(stream):
            if chosen is not None and frame.time is not None and frame.time > target + 1e-3:
                break
            chosen = frame
        if chosen is None:
            raise OSError(f"No picture could be decoded from {path}.")
        return upright_frame(chosen, stream, size, rotation, orientation)
