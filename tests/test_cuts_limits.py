"""Hostile cut plans: /dev/zero, a FIFO, a folder, huge or deeply nested JSON, wrong types in
every field and a 10-hour plan each give named problems or one line, never a traceback, a hang
or a huge allocation (issue #11 item 12)."""

import json
import os
import time

import pytest

from liveassets.cuts import validate as validate_module
from liveassets.cuts.plan import MAX_PLAN_BYTES, CutPlan, PlanError, load_plan
from liveassets.cuts.render import render
from liveassets.cuts.store import default_output
from liveassets.cuts.validate import validate
from mediagen import make_jpeg

HOSTILE = [None, True, [], ["9:16"], {}, {"a": 1}, "", "x" * 5000, -1, 1e308, 10**30,
           float("nan")]


def test_special_files_are_one_line(tmp_path):
    fifo = tmp_path / "plan.json"
    os.mkfifo(fifo)
    cases = {"/dev/zero": "not a regular file", str(fifo): "not a regular file",
             str(tmp_path): "is a folder", str(tmp_path / "none.json"): "not found"}
    for path, words in cases.items():
        started = time.monotonic()
        with pytest.raises(PlanError, match=words):
            load_plan(path)
        assert time.monotonic() - started < 2  # no hang on the FIFO, no read of /dev/zero


def test_big_deep_and_undecodable_files_are_one_line(tmp_path):
    big = tmp_path / "big.json"
    big.write_text('{"name": "' + "x" * MAX_PLAN_BYTES + '"}')
    with pytest.raises(PlanError, match="MB"):
        load_plan(big)
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(PlanError, match="nests more than"):
        load_plan(deep)
    quoted = tmp_path / "quoted.json"  # brackets inside strings are not nesting
    quoted.write_text(json.dumps({"name": "[" * 100, "segments": []}))
    assert load_plan(quoted).name == "[" * 100
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"name": "café"}'.encode("latin-1"))
    with pytest.raises(PlanError, match="UTF-8"):
        load_plan(latin)
    bad = tmp_path / "bad.json"
    bad.write_text('{"name": "x",\n "segments": [}')
    with pytest.raises(PlanError, match="line 2"):
        load_plan(bad)


@pytest.mark.parametrize("key", ["name", "format", "fps", "purpose", "segments", "title",
                                 "end_card", "caption", "logo", "music", "crossfade",
                                 "rights_override"])
def test_wrong_types_in_plan_fields_are_named(tmp_path, key):
    make_jpeg(tmp_path / "a.jpg", size=(64, 48))
    for value in HOSTILE:
        data = {"name": "x", "segments": [{"source": "a.jpg", "duration": 1}], key: value}
        plan = CutPlan.from_dict(data, base=tmp_path)
        problems = validate(plan)  # must not raise
        plan.duration()
        required = key in ("name", "format", "fps", "purpose", "segments")
        if required or value in (["9:16"], {"a": 1}, 1e308):  # clearly not what the field holds
            assert problems, (key, value)


@pytest.mark.parametrize("key", ["source", "start", "end", "duration", "zoom", "reframe",
                                 "x", "color"])
def test_wrong_types_in_segment_fields_are_named(tmp_path, key):
    make_jpeg(tmp_path / "a.jpg", size=(64, 48))
    for value in HOSTILE:
        seg = {"source": "a.jpg", "duration": 1, key: value}
        plan = CutPlan.from_dict({"name": "x", "segments": [seg, value]}, base=tmp_path)
        problems = validate(plan)
        assert any(p.where == "segment 2" for p in problems)  # the bare value, named
        plan.duration()


def test_a_ten_hour_plan_is_refused_before_any_work(tmp_path):
    make_jpeg(tmp_path / "a.jpg", size=(64, 48))
    plan = CutPlan.from_dict({"name": "long", "purpose": "internal", "segments": [
        {"source": "a.jpg", "duration": 60} for _ in range(600)]}, base=tmp_path)
    problems = [str(p) for p in validate(plan)]
    assert any("lasts 600.0 minutes" in p for p in problems), problems
    started = time.monotonic()
    with pytest.raises(PlanError, match="at most 10"):
        render(plan, tmp_path / "long.mp4", size=(180, 320))
    assert time.monotonic() - started < 5 and not (tmp_path / "long.mp4").exists()


def test_too_many_segments_and_long_names_are_named(tmp_path):
    plan = CutPlan.from_dict({"name": "n" * 300, "segments": [
        {"source": "a.jpg"}] * (validate_module.MAX_SEGMENTS + 1)}, base=tmp_path)
    text = " ".join(map(str, validate(plan)))
    assert "segments; a cut takes at most" in text and "name is 300 characters" in text


def test_default_output_name_fits_a_disk(library):
    plan = CutPlan(name="ü" * 300)
    out = default_output(library, plan, preview=True)
    assert len(os.fsencode(out.name)) <= 255
