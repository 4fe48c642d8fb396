"""The `captions` verb: a cut's timed captions imported from an SRT/WebVTT file, aligned from a
script file to the cut's speech, or printed as SRT. CUT is a PLAN.json file (its captions are
written into it, since `liveassets cut PLAN.json` renders what the file says) or a cut saved in
the library, by id or name (what the window opens). Imports nothing heavy until the verb runs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from liveassets.cli.progress import TerminalProgress


def add_parsers(sub) -> None:
    p = sub.add_parser("captions", help="a saved cut's timed captions: import an SRT/VTT, align "
                                        "a script, show them",
                       description="Timed captions of a saved cut (burned in by `liveassets cut "
                                   "--captions burn`, or written beside the clip as .srt with "
                                   "--captions srt). CUT is a PLAN.json file (updated in place) "
                                   "or a saved cut's id or name.")
    csub = p.add_subparsers(dest="captions_command", metavar="ACTION", required=True)
    i = csub.add_parser("import", help="replace the cut's captions with an .srt or .vtt file")
    i.add_argument("cut", metavar="CUT")
    i.add_argument("file", metavar="FILE.srt|.vtt")
    i.set_defaults(handler=run_import)
    a = csub.add_parser("align", help="time a script's words to the cut's speech (offline) and "
                                      "make caption lines of them")
    a.add_argument("cut", metavar="CUT")
    a.add_argument("--script", required=True, metavar="FILE.txt",
                   help="the words spoken in the cut, as plain UTF-8 text")
    a.set_defaults(handler=run_align)
    s = csub.add_parser("show", help="print the cut's captions as SRT")
    s.add_argument("cut", metavar="CUT")
    s.set_defaults(handler=run_show)


def find_cut(catalog, name_or_id: str):
    """The saved cut (a CutPlan) with this id, else with this name (exactly, then ignoring
    case). Raises UserError naming the saved cuts when there is none or more than one."""
    from liveassets.cuts.store import TABLE, load_cut
    from liveassets.errors import UserError

    store = catalog.records(TABLE)
    if name_or_id in store:
        return load_cut(catalog, name_or_id)
    docs = store.all()
    for same in (lambda n: n == name_or_id, lambda n: n.casefold() == name_or_id.casefold()):
        found = [d for d in docs if isinstance(d.get("name"), str) and same(d["name"])]
        if len(found) == 1:
            return load_cut(catalog, found[0]["id"])
        if len(found) > 1:
            raise UserError(f"{len(found)} saved cuts are named \"{name_or_id}\": give the id "
                            f"({', '.join(d['id'] for d in found)}).")
    names = ", ".join(f"\"{d.get('name')}\"" for d in docs[:8]) or "none yet"
    raise UserError(f"No saved cut \"{name_or_id}\" in this library (saved cuts: {names}); "
                    "`liveassets cut PLAN.json` saves one.")


def is_plan_file(cut: str) -> bool:
    return cut.lower().endswith(".json")


def open_cut(library: Path, cut: str):
    """(plan, catalog or None): a plan file's plan, or the saved cut (catalog open)."""
    from liveassets.catalog.catalog import Catalog
    from liveassets.cuts.plan import load_plan

    if is_plan_file(cut):
        return load_plan(cut), None
    catalog = Catalog(library)
    try:
        return find_cut(catalog, cut), catalog
    except BaseException:
        catalog.close()
        raise


def _save(catalog, cut: str, plan, cues, how: str) -> None:
    from liveassets.cuts import subtitles
    from liveassets.cuts.plan import save_plan
    from liveassets.cuts.store import save_cut

    plan.captions = subtitles.to_plan(cues)
    plan.note("captions", how=how, lines=len(cues))
    if catalog is None:
        save_plan(plan, cut)
    else:
        save_cut(catalog, plan)


def _span(cues, plan) -> str:
    from liveassets.cuts.validate import _secs

    late = sum(c.start >= plan.duration() for c in cues) if plan.duration() else 0
    where = f"{_secs(cues[0].start)} to {_secs(cues[-1].end)}"
    return where + (f"; {late} start after the cut ends ({_secs(plan.duration())}) and will "
                    "not show" if late else "")


def run_import(library: Path, args: argparse.Namespace) -> int:
    from liveassets.cuts import subtitles
    from liveassets.safe_paths import shown

    cues = subtitles.read(args.file)  # before opening the library: a bad file changes nothing
    plan, catalog = open_cut(library, args.cut)
    try:
        _save(catalog, args.cut, plan, cues, f"imported {Path(args.file).name}")
    finally:
        if catalog is not None:
            catalog.close()
    print(shown(f"{len(cues)} caption{'s' if len(cues) != 1 else ''} imported into "
                f"\"{plan.name}\" ({_span(cues, plan)})."))
    return 0


def run_align(library: Path, args: argparse.Namespace) -> int:
    from liveassets.cuts import align
    from liveassets.safe_paths import shown

    script = align.read_script(args.script)
    plan, catalog = open_cut(library, args.cut)
    try:
        line = TerminalProgress()
        try:
            result = align.align_cut(plan, script, line, args.stop)
        finally:
            line.close()
        _save(catalog, args.cut, plan, result.cues, f"aligned {Path(args.script).name}")
    finally:
        if catalog is not None:
            catalog.close()
    print(shown(f"{result.counts()} in \"{plan.name}\" ({_span(result.cues, plan)})."))
    return 0


def run_show(library: Path, args: argparse.Namespace) -> int:
    from liveassets.cuts import subtitles

    plan, catalog = open_cut(library, args.cut)
    if catalog is not None:
        catalog.close()
    cues = subtitles.from_plan(plan.captions)
    if not cues:
        print(f"\"{plan.name}\" has no captions; add some with `liveassets captions import` or "
              "`liveassets captions align`.", file=sys.stderr)
        return 0
    sys.stdout.write(subtitles.to_srt(cues))
    return 0
