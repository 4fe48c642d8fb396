"""Highlight cuts: the cut plan (plan.py) and its checks (validate.py), rendering with moviepy
(render.py over frames.py, stills.py and sound.py), stream-copy quick export (quick.py), plans
in the catalog (store.py) and the `cut` verb (verbs.py)."""
