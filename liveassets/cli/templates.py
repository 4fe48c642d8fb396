"""CLI verbs for metadata templates: `template list|show|apply|save|delete`. Imported at
start-up, so the catalog loads inside the handlers."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from liveassets import clock
from liveassets.safe_paths import shown, utf8_tree

# --option -> template field, for `template save` (only the options given are ticked).
_FIELD_OPTIONS = (("status", "unknown, pending, cleared, internal or restricted"),
                  ("expires", "a day, 31/12/2026 (day first), 31 Dec 2026 or 2026-12-31, or a "
                              "time from the day applied: +90d, +12w, +6m, "
                              "+1y; none clears it"),
                  ("owner", "who holds the rights (\"\" clears it)"),
                  ("credit", "the credit line (\"\" clears it)"),
                  ("terms", "where and how it may be used (\"\" clears it)"),
                  ("channels", "where it may be posted: tiktok,instagram,youtube,x; all "
                               "(or \"\") for every channel"),
                  ("model_release", "MR-NON, MR-NAP, MR-UMR or MR-LMR (\"\" clears it)"),
                  ("notes", "rights notes (\"\" clears them)"))


def add_parsers(sub) -> None:
    p = sub.add_parser("template", help="metadata templates: list, show, apply, save, delete")
    tsub = p.add_subparsers(dest="template_command", metavar="ACTION", required=True)
    ls = tsub.add_parser("list", help="the library's templates, with what each applies")
    ls.add_argument("--json", action="store_true", help="print a JSON array of objects")
    ls.set_defaults(handler=template_list)
    sh = tsub.add_parser("show", help="one template's fields and tags")
    sh.add_argument("name")
    sh.add_argument("--json", action="store_true")
    sh.set_defaults(handler=template_show)
    ap = tsub.add_parser("apply", help="apply a template to matching assets (one undoable write)")
    ap.add_argument("name")
    ap.add_argument("query")
    ap.set_defaults(handler=template_apply)
    sv = tsub.add_parser("save", help="create or replace a template: only the fields given are "
                         "applied by it")
    sv.add_argument("name")
    for name, helptext in _FIELD_OPTIONS:
        sv.add_argument("--" + name.replace("_", "-"), dest=name, default=None, help=helptext)
    sv.add_argument("--add-tag", action="append", default=[], metavar="TAG")
    sv.add_argument("--remove-tag", action="append", default=[], metavar="TAG")
    sv.add_argument("--update", action="store_true",
                    help="change only the given fields and add the given tags to an existing "
                         "template (default: replace it)")
    sv.set_defaults(handler=template_save)
    d = tsub.add_parser("delete", help="delete a template")
    d.add_argument("name")
    d.set_defaults(handler=template_delete)


def _open(library: Path, write: bool):
    from liveassets.catalog.catalog import Catalog
    from liveassets.catalog.errors import CatalogError

    catalog = Catalog(library, readonly=not write)
    if write and catalog.readonly:
        catalog.close()
        raise CatalogError(f"The library {catalog.folder} cannot be written (a read-only disk or "
                           "folder permissions), so nothing changed. Make it writable, or copy "
                           "the library to a writable disk.")
    for warning in catalog.warnings:
        print(shown(warning), file=sys.stderr)
    return catalog


def _json(template) -> dict:
    from liveassets.catalog.templates import FIELDS

    return {"name": template.name, "id": template.id,
            "fields": {k: template.values.get(k) for k in FIELDS if k in template.apply},
            "add_tags": template.add_tags, "remove_tags": template.remove_tags,
            "description": template.describe()}


def _dump(value) -> None:
    json.dump(utf8_tree(value), sys.stdout, ensure_ascii=False, indent=1)
    print()


def template_list(library: Path, args) -> int:
    from liveassets.catalog.templates import TemplateStore

    with _open(library, write=False) as catalog:
        templates = TemplateStore(catalog).all()
    if args.json:
        _dump([_json(t) for t in templates])
    elif not templates:
        print("No metadata templates yet: make one with `liveassets template save NAME ...`.")
    for t in templates if not args.json else ():
        print(shown(f"{t.name}: {t.describe()}"))
    return 0


def template_show(library: Path, args) -> int:
    from liveassets.catalog.templates import (FIELDS, LABELS, TemplateStore, describe_expiry,
                                              show_channels)

    with _open(library, write=False) as catalog:
        t = TemplateStore(catalog).get(args.name)
    if args.json:
        _dump(_json(t))
        return 0
    print(shown(t.name))
    for key in FIELDS:
        if key in t.apply:
            value = t.values.get(key)
            value = (describe_expiry(value or "") if key == "expires" else
                     show_channels(value) if key == "channels" else (value or "(cleared)"))
            print(shown(f"  {LABELS[key]:<14} {value}"))
    for label, tags in (("Add tags", t.add_tags), ("Remove tags", t.remove_tags)):
        if tags:
            print(shown(f"  {label:<14} {', '.join(tags)}"))
    if t.is_empty():
        print("  (applies nothing: tick a field or list a tag)")
    return 0


def template_apply(library: Path, args) -> int:
    from liveassets.catalog.templates import TemplateStore, apply_template
    from liveassets.cli.assets import _matching

    with _open(library, write=True) as catalog:
        template = TemplateStore(catalog).get(args.name)
        ids = _matching(catalog, args.query)
        change = apply_template(catalog, template, ids, clock.today())
    print(shown(f"Applied “{template.name}”: {len(change)} of {len(ids)} matching assets "
                "changed."))
    return 0


def template_save(library: Path, args) -> int:
    from dataclasses import replace

    from liveassets.catalog.templates import MetadataTemplate, TemplateStore

    given = {name: getattr(args, name) for name, _ in _FIELD_OPTIONS
             if getattr(args, name) is not None}
    with _open(library, write=True) as catalog:
        store = TemplateStore(catalog)
        old = store.find(args.name)
        if args.update:
            if old is None:
                store.get(args.name)  # raises: names the templates there are
            template = replace(old, values={**old.values, **given},
                               apply=old.apply | set(given),
                               add_tags=old.add_tags + args.add_tag,
                               remove_tags=old.remove_tags + args.remove_tag)
        else:
            template = MetadataTemplate(args.name, given, frozenset(given), args.add_tag,
                                        args.remove_tag)
        saved, _ = store.save(template)
    verb = "Updated" if args.update else ("Replaced" if old is not None else "Saved")
    print(shown(f"{verb} template “{saved.name}”: {saved.describe()}"))
    return 0


def template_delete(library: Path, args) -> int:
    from liveassets.catalog.templates import TemplateStore

    with _open(library, write=True) as catalog:
        store = TemplateStore(catalog)
        name = store.get(args.name).name
        store.delete(name)
    print(shown(f"Deleted template “{name}”."))
    return 0
