"""Highlight cuts: the cut plan (plan.py), its checks (validate.py), rendering with moviepy
(render.py, frames.py, sound.py), stream-copy quick export (quick.py) and the `cut` verb."""
