"""The Cut dock's result line says the level a render reached once, in words a user reads:
the target in brackets, or inside the note about limited peaks, never both."""

import types

import pytest

pytest.importorskip("PySide6")

from liveassets.cuts.plan import CutPlan  # noqa: E402
from liveassets.ui.cut.running import sound_line  # noqa: E402


def _result(**loudness):
    return types.SimpleNamespace(loudness=loudness)


def test_a_plain_levelled_render_names_its_target_once():
    line = sound_line(_result(integrated=-14.0, true_peak=-1.6), CutPlan(name="Recap"))
    assert line == "; sound -14.0 LUFS, true peak -1.6 dBTP (target -14 LUFS)"


def test_limited_peaks_name_the_target_in_the_note_only():
    line = sound_line(_result(integrated=-14.0, true_peak=-1.5, limited_db=6.2, target_lufs=-14.0),
                      CutPlan(name="Recap"))
    assert line == ("; sound -14.0 LUFS, true peak -1.5 dBTP; "
                    "peaks limited by 6 dB to reach -14 LUFS")
    assert line.count("-14 LUFS") == 1


def test_a_render_without_levelling_says_so():
    line = sound_line(_result(integrated=-20.0, true_peak=-3.0),
                      CutPlan(name="Recap", loudness=False))
    assert line == "; sound -20.0 LUFS, true peak -3.0 dBTP (not levelled)"
