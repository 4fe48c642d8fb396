"""XMP packets carrying an asset's keywords, caption and rights, in the properties that
Lightroom, Bridge, digiKam and exiftool read (SPECS.md, "Rights metadata that other tools read").

Written with xml.etree so every value is escaped; the same packet goes into the sidecar and,
for JPEG renditions, into the file's APP1 segment.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from liveassets.catalog.channels import channels_of, describe

NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmpRights": "http://ns.adobe.com/xap/1.0/rights/",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
    "plus": "http://ns.useplus.org/ldf/xmp/1.0/",
    "lr": "http://ns.adobe.com/lightroom/1.0/",
}
MODEL_RELEASE_URI = "http://ns.useplus.org/ldf/vocab/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MAX_EMBEDDED = 65000  # one JPEG APP1 segment holds at most 65,533 bytes
_HEADER = '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
_TRAILER = '\n<?xpacket end="w"?>'

for _prefix, _uri in NS.items():
    ET.register_namespace(_prefix, _uri)


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def tag_levels(tag: str) -> list[str]:
    """`creator:@nova` -> [creator, @nova]; `places/Sydney/Opera House` -> its three levels."""
    head, sep, rest = tag.partition(":")
    levels = [head, *rest.split("/")] if sep and head and "/" not in head else tag.split("/")
    return [level.strip().replace("|", "/") for level in levels if level.strip()]


def keywords(tags: list[str]) -> list[str]:
    """dc:subject: the leaf of each hierarchical tag; namespaced tags keep their namespace
    (`creator:@nova`), since `@nova` alone loses its meaning."""
    out = []
    for tag in tags:
        head, sep, rest = tag.partition(":")
        if sep and head and "/" not in head:
            out.append(f"{head}:{rest.split('/')[-1].strip()}" if "/" in rest else tag)
        else:
            out.append(tag.split("/")[-1].strip())
    return list(dict.fromkeys(k for k in out if k))


def hierarchical(tags: list[str]) -> list[str]:
    """lr:hierarchicalSubject: levels joined by `|`."""
    return list(dict.fromkeys("|".join(tag_levels(t)) for t in tags if tag_levels(t)))


def usage_terms(rights: dict) -> str:
    """xmpRights:UsageTerms: the rights' terms, then "Channels: TikTok only." when the rights
    limit the channels (catalog.channels), then "Use until 2026-12-31." when they expire."""
    terms = (rights.get("terms") or "").strip()
    limit = channels_of(rights)
    if limit is not None:
        if terms and terms[-1] not in ".!?":
            terms += "."
        terms = f"{terms} Channels: {describe(limit)}.".strip()
    if rights.get("expires"):
        until = f"Use until {rights['expires']}."
        if terms and terms[-1] not in ".!?":
            terms += "."
        terms = f"{terms} {until}" if terms else until
    return terms


def fields(asset: dict) -> dict:
    """The values a packet carries, by XMP property (for tests and the manifest alike)."""
    rights = asset.get("rights") or {}
    owner = (rights.get("owner") or "").strip()
    tags = list(asset.get("tags") or [])
    out: dict = {
        "dc:subject": keywords(tags),
        "lr:hierarchicalSubject": hierarchical(tags),
        "dc:description": (asset.get("caption") or "").strip(),
        "dc:rights": f"© {owner}" if owner else "",
        "dc:creator": [owner] if owner else [],
        "photoshop:Credit": (rights.get("credit") or "").strip(),
        "xmpRights:UsageTerms": usage_terms(rights),
        "plus:ModelReleaseStatus": (MODEL_RELEASE_URI + rights["model_release"]
                                    if rights.get("model_release") else ""),
        "plus:Licensor": owner,
    }
    # Marked=True means rights-managed: we know who holds the rights and on what footing.
    if owner and rights.get("status") in ("cleared", "internal"):
        out["xmpRights:Marked"] = "True"
    return out


def packet(asset: dict) -> bytes:
    """A whole XMP packet (UTF-8, with xpacket wrapper) for one asset."""
    values = fields(asset)
    meta = ET.Element(_q("x:xmpmeta"), {_q("x:xmptk"): "LiveAssets"})
    rdf = ET.SubElement(meta, _q("rdf:RDF"))
    desc = ET.SubElement(rdf, _q("rdf:Description"), {_q("rdf:about"): ""})
    if values.get("xmpRights:Marked"):
        ET.SubElement(desc, _q("xmpRights:Marked")).text = values["xmpRights:Marked"]
    for prop in ("photoshop:Credit", "plus:ModelReleaseStatus"):
        if values[prop]:
            ET.SubElement(desc, _q(prop)).text = values[prop]
    _container(desc, "dc:subject", "rdf:Bag", values["dc:subject"])
    _container(desc, "lr:hierarchicalSubject", "rdf:Bag", values["lr:hierarchicalSubject"])
    _container(desc, "dc:creator", "rdf:Seq", values["dc:creator"])
    for prop in ("dc:description", "dc:rights", "xmpRights:UsageTerms"):
        if values[prop]:
            alt = ET.SubElement(ET.SubElement(desc, _q(prop)), _q("rdf:Alt"))
            ET.SubElement(alt, _q("rdf:li"), {XML_LANG: "x-default"}).text = values[prop]
    if values["plus:Licensor"]:
        seq = ET.SubElement(ET.SubElement(desc, _q("plus:Licensor")), _q("rdf:Seq"))
        li = ET.SubElement(seq, _q("rdf:li"), {_q("rdf:parseType"): "Resource"})
        ET.SubElement(li, _q("plus:LicensorName")).text = values["plus:Licensor"]
    ET.indent(meta, space=" ")
    body = ET.tostring(meta, encoding="unicode")
    return (_HEADER + _clean(body) + _TRAILER).encode("utf-8")


def _container(desc, prop: str, kind: str, values: list[str]) -> None:
    if values:
        box = ET.SubElement(ET.SubElement(desc, _q(prop)), _q(kind))
        for value in values:
            ET.SubElement(box, _q("rdf:li")).text = value


def _clean(text: str) -> str:
    """XML 1.0 cannot hold most control characters, even escaped: drop them."""
    return "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 0x20)


def embeddable(data: bytes) -> bool:
    return len(data) <= MAX_EMBEDDED
