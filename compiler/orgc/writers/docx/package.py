"""The fixed parts of every DOCX orgc writes, prepared once per build, and the zip assembly.

Styles come from ``reference.docx`` in the templates folder (the user's, or the
built-in python-docx template), trimmed to the styles orgc uses, with the fonts
of orgc.yaml. Each document then only adds its own document.xml, header and footer.
"""

from __future__ import annotations

import copy
import struct
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache, lru_cache
from pathlib import Path

from ...i18n import Message, verbatim
from .deflate import Packed, deflate
from .wml import BULLET_NUM_ID, NS

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
MAX_REFERENCE_BYTES = 20 * 1024 * 1024

# Styles orgc's documents use; any other style of the reference document is dropped.
USED_STYLES = (
    "Normal",
    "Title",
    "Subtitle",
    "Heading1",
    "Heading2",
    "Heading3",
    "Heading4",
    "Header",
    "Footer",
    "TableText",
    "TOCHeading",
    "TOC1",
    "TOC2",
)


class ReferenceDocxError(Exception):
    """The reference DOCX cannot be used (not a DOCX, too large, unsafe); ``message`` in either language."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message

    def __reduce__(self) -> tuple[type[ReferenceDocxError], tuple[Message]]:  # raised in render workers
        return type(self), (self.message,)


@dataclass(frozen=True)
class DocxBase:
    styles: bytes
    settings: bytes
    numbering: bytes
    font_table: bytes | None
    theme: bytes | None
    # the reference document's header pictures (a logo): paragraphs, and (rel id, file name, bytes)
    header_logo: str = ""
    header_media: tuple[tuple[str, str, bytes], ...] = ()

    def assemble(
        self,
        document: str | Sequence[str | Packed],
        header: str,
        footer: str,
        title: str,
        lang: str,
        when: datetime | None,
        media: tuple[tuple[str, bytes], ...] = (),
        update_fields: bool = False,
    ) -> bytes:
        """A complete .docx: fixed entry order, fixed timestamps, so identical input gives identical bytes.

        ``document`` is the body's XML, or for a large document its pieces in order (never joined),
        some of them compressed already. With ``update_fields``, Word updates the document's
        fields (page references) when it opens it.
        """
        files = media + tuple((name, data) for _rel, name, data in self.header_media)
        body = [document] if isinstance(document, str) else document
        parts: list[tuple[str, bytes | Streamed]] = [
            ("[Content_Types].xml", _content_types(self, files).encode()),
            ("_rels/.rels", _ROOT_RELS.encode()),
            ("docProps/core.xml", _core(title, lang, when).encode()),
            ("docProps/app.xml", _APP.encode()),
            ("word/document.xml", Streamed(_document(body))),
            ("word/_rels/document.xml.rels", _document_rels(self, media).encode()),
            ("word/styles.xml", self.styles),
            ("word/settings.xml", _updating(self.settings) if update_fields else self.settings),
            ("word/numbering.xml", self.numbering),
            ("word/header1.xml", _header_footer("hdr", self.header_logo + header).encode()),
            ("word/footer1.xml", _header_footer("ftr", footer).encode()),
        ]
        if self.font_table:
            parts.append(("word/fontTable.xml", self.font_table))
        if self.theme:
            parts.append(("word/theme/theme1.xml", self.theme))
        if self.header_media:
            rels = "".join(
                f'<Relationship Id="{rel}" Type="{_REL}image" Target="media/{name}"/>'
                for rel, name, _data in self.header_media
            )
            parts.append(("word/_rels/header1.xml.rels", _relationships(rels).encode()))
        parts.extend((f"word/media/{name}", data) for name, data in files)
        return write_zip(parts, self.fixed)

    @property
    def fixed(self) -> frozenset[bytes]:
        return frozenset(
            p for p in (self.styles, self.settings, self.numbering, self.font_table, self.theme) if p
        )


@dataclass(frozen=True)
class Streamed:
    """A part given as pieces of text, encoded and compressed one after the other: a handbook's
    body is tens of megabytes, and joined, then encoded, it would be held three times over.
    A piece may come compressed already (``deflate.Packed``): it is copied in as it is."""

    pieces: Sequence[str | Packed]


def write_zip(parts: Sequence[tuple[str, bytes | Streamed]], fixed: frozenset[bytes] = frozenset()) -> bytes:
    """A zip of ``parts`` in the given order, with fixed dates and attributes: same parts, same bytes.

    Parts listed in ``fixed`` (the styles, theme and settings every document of a
    build shares) are compressed once per process instead of once per document, and
    so are small parts seen before (relationships, content types, a page header):
    setting up a compressor costs more than compressing a few hundred bytes.
    """
    out = bytearray()
    directory = bytearray()
    for name, data in parts:
        if isinstance(data, Streamed):
            packed = deflate(
                piece if isinstance(piece, Packed) else piece.encode("utf-8") for piece in data.pieces
            )
        elif data in fixed:
            packed = _deflated(data)
        elif len(data) <= SMALL_PART:
            packed = _deflated_small(data)
        else:
            packed = _deflate(data)
        header = _ZIP_ENTRY.pack(
            20, 0, 8, _DOS_TIME, _DOS_DATE, packed.crc, len(packed.data), packed.size, len(name), 0
        )
        encoded = name.encode("ascii")
        directory += _ZIP_CENTRAL.pack(
            0x02014B50, 0x0314, *_ZIP_ENTRY.unpack(header), 0, 0, 0, 0o644 << 16, len(out)
        )
        directory += encoded
        out += _ZIP_LOCAL_SIGNATURE + header + encoded + packed.data
    offset = len(out)
    out += directory
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(directory), offset, 0)
    return bytes(out)


def _deflate(data: bytes) -> Packed:
    return deflate((data,))


@cache
def _deflated(data: bytes) -> Packed:
    return _deflate(data)


SMALL_PART = 4096


@lru_cache(maxsize=256)
def _deflated_small(data: bytes) -> Packed:
    return _deflate(data)


_DOS_DATE = (1 << 5) | 1  # 1980-01-01, the earliest date a zip can hold
_DOS_TIME = 0
_ZIP_LOCAL_SIGNATURE = struct.pack("<I", 0x04034B50)
# version needed, flags, method, time, date, crc, compressed size, size, name length, extra length
_ZIP_ENTRY = struct.Struct("<HHHHHIIIHH")
# signature, version made by (Unix, 2.0), the entry fields, comment length, disk, internal and
# external attributes (rw-r--r--), offset of the local header
_ZIP_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")


def prepare(
    reference: Path | None, east_asian: str, latin: str, heading_color: str | None = None
) -> DocxBase:
    """Read the reference document and produce the shared parts, fonts applied. Without a
    reference, the built-in template's stock look is replaced: headings in ``heading_color``,
    nothing italic (CJK has no italic: Word slants it), East Asian text marked as Chinese."""
    import docx
    from lxml import etree

    if reference is not None:
        _check_reference(reference)
    try:
        document = docx.Document(str(reference) if reference else None)
    except Exception as exc:  # python-docx and lxml raise many kinds on a broken package
        assert reference is not None  # the built-in template always opens
        raise ReferenceDocxError(
            Message("reference.unreadable", name=reference.name, error=verbatim(str(exc)))
        ) from None
    styles_element = copy.deepcopy(document.styles.element)
    _ensure_styles(styles_element, east_asian, latin)
    _trim_styles(styles_element)
    settings = copy.deepcopy(document.settings.element)
    if reference is None:
        _house_style(styles_element, settings, heading_color)
    for tag in ("attachedTemplate", "rsids", "documentProtection", "writeProtection"):
        for node in settings.findall(_W + tag):
            settings.remove(node)
    package = document.part.package
    font_table = theme = None
    for part in package.iter_parts():
        name = str(part.partname)
        if name == "/word/fontTable.xml":
            font_table = part.blob
        elif name.startswith("/word/theme/"):
            theme = part.blob
    header_logo, header_media = _header_pictures(document)
    return DocxBase(
        header_logo=header_logo,
        header_media=header_media,
        styles=etree.tostring(styles_element, xml_declaration=True, encoding="UTF-8", standalone=True),
        settings=etree.tostring(settings, xml_declaration=True, encoding="UTF-8", standalone=True),
        numbering=_NUMBERING.encode(),
        font_table=font_table,
        theme=theme,
    )


def _header_pictures(document: object) -> tuple[str, tuple[tuple[str, str, bytes], ...]]:
    """The paragraphs of the reference's first header that hold pictures, with the pictures."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from lxml import etree

    header = document.sections[0].header  # type: ignore[attr-defined]
    if header.is_linked_to_previous:
        return "", ()
    part = header.part
    media = []
    for rel_id in sorted(part.rels):
        rel = part.rels[rel_id]
        if rel.reltype == RELATIONSHIP_TYPE.IMAGE and not rel.is_external:
            extension = str(rel.target_part.partname).rsplit(".", 1)[-1].lower()
            media.append((rel_id, f"header-{len(media) + 1}.{extension}", rel.target_part.blob))
    for _rel_id, name, blob in media:
        if len(blob) > MAX_HEADER_PICTURE_BYTES:
            size, limit = len(blob) / 1048576, MAX_HEADER_PICTURE_BYTES // 1048576
            raise ReferenceDocxError(
                Message("reference.picture-too-large", name=name, size=size, limit=limit)
            )
    embedded = {rel_id for rel_id, _name, _blob in media}
    paragraphs = [_pictures_only(p, embedded) for p in part.element.iterchildren(_W + "p")]
    kept = [etree.tostring(p, encoding=str) for p in paragraphs if p is not None]
    return ("".join(kept), tuple(media)) if media and kept else ("", ())


MAX_HEADER_PICTURE_BYTES = 1024 * 1024
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _pictures_only(paragraph: object, embedded: set[str]) -> object | None:
    """A header paragraph rebuilt from its layout and its pictures alone, or None if it has none.

    Everything else a reference document's header could carry into every document is left
    behind: fields (INCLUDEPICTURE fetching from a host, DDEAUTO), hyperlinks, pictures linked
    rather than embedded, and clicks on a picture.
    """
    kept = copy.deepcopy(paragraph)
    for child in list(kept):  # type: ignore[call-overload]
        layout = child.tag == _W + "pPr"
        picture = child.tag == _W + "r" and _embedded_picture(child, embedded)
        if not (layout or picture):
            kept.remove(child)  # type: ignore[attr-defined]
    # listed first: removing while lxml walks the tree would skip the next one
    for click in list(kept.iter(_A + "hlinkClick", _A + "hlinkHover")):  # type: ignore[attr-defined]
        click.getparent().remove(click)
    has_picture = kept.find(f".//{_W}drawing") is not None  # type: ignore[attr-defined]
    return kept if has_picture else None


def _embedded_picture(run: object, embedded: set[str]) -> bool:
    """A run holding only drawings whose pictures are embedded parts we keep, and no field."""
    if run.find(f"{_W}instrText") is not None or run.find(f"{_W}fldChar") is not None:  # type: ignore[attr-defined]
        return False
    blips = list(run.iter(_A + "blip"))  # type: ignore[attr-defined]
    return (
        run.find(f"{_W}drawing") is not None  # type: ignore[attr-defined]
        and bool(blips)
        and all(b.get(_R + "link") is None and b.get(_R + "embed") in embedded for b in blips)
    )


def _check_reference(path: Path) -> None:
    """Refuse zip bombs and DTDs before python-docx opens the file.

    Every XML part is parsed (whatever its encoding, however long its prolog) by a parser
    that neither loads nor expands a DTD, and refused if it declares one. The sizes in the
    zip directory bound what is decompressed: zipfile stops at the declared size.
    """
    from lxml import etree

    if path.is_symlink():  # it would be read from wherever it points, and changes there go unseen
        raise ReferenceDocxError(Message("reference.link", name=path.name))
    if not path.is_file():
        raise ReferenceDocxError(Message("reference.not-a-file", name=path.name))
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)
    try:
        with zipfile.ZipFile(path) as archive:
            total = 0
            for info in archive.infolist():
                total += info.file_size
                if total > MAX_REFERENCE_BYTES * 5 or info.file_size > MAX_REFERENCE_BYTES:
                    raise ReferenceDocxError(Message("reference.expands", name=path.name))
                if info.filename.lower().endswith((".xml", ".rels")):  # styles.XML is XML too
                    try:
                        tree = etree.fromstring(archive.read(info), parser).getroottree()
                    except etree.XMLSyntaxError as exc:
                        error = verbatim(str(exc))
                        problem = Message(
                            "reference.bad-xml", name=path.name, part=info.filename, error=error
                        )
                        raise ReferenceDocxError(problem) from None
                    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
                        raise ReferenceDocxError(
                            Message("reference.doctype", name=path.name, part=info.filename)
                        )
    except zipfile.BadZipFile as exc:
        raise ReferenceDocxError(Message("reference.not-a-zip", name=path.name)) from exc
    except (OSError, EOFError, zipfile.LargeZipFile, NotImplementedError) as exc:  # a damaged archive
        raise ReferenceDocxError(
            Message("reference.damaged", name=path.name, error=verbatim(str(exc)))
        ) from None


def _style(styles: object, style_id: str) -> object | None:
    for node in styles.findall(_W + "style"):  # type: ignore[attr-defined]
        if node.get(_W + "styleId") == style_id:
            return node
    return None


def _ensure_styles(styles: object, east_asian: str, latin: str) -> None:
    from lxml import etree

    def fonts() -> object:  # attributes set by lxml, which escapes them: a font name is user text
        element = etree.Element(_W + "rFonts")
        for name, value in (("ascii", latin), ("hAnsi", latin), ("eastAsia", east_asian), ("cs", latin)):
            element.set(_W + name, value)
        return element

    defaults = styles.find(_W + "docDefaults")  # type: ignore[attr-defined]
    if defaults is None:
        defaults = etree.SubElement(styles, _W + "docDefaults")  # type: ignore[arg-type]
        styles.insert(0, defaults)  # type: ignore[attr-defined]
    rpr_default = defaults.find(_W + "rPrDefault")
    if rpr_default is None:
        rpr_default = etree.SubElement(defaults, _W + "rPrDefault")
    rpr = rpr_default.find(_W + "rPr")
    if rpr is None:
        rpr = etree.SubElement(rpr_default, _W + "rPr")
    _set_fonts(rpr, fonts())
    for style_id, xml in _OWN_STYLES.items():
        existing = _style(styles, style_id)
        if existing is None:
            styles.append(etree.fromstring(xml.format(ns=NS, page_tab=_PAGE_TAB)))  # type: ignore[attr-defined]
    for style_id in ("Normal", "Title", "Subtitle", "Heading1", "Heading2", "Heading3", "TableText"):
        node = _style(styles, style_id)
        if node is None:
            continue
        rpr = node.find(_W + "rPr")  # type: ignore[attr-defined]
        if rpr is None:
            rpr = etree.SubElement(node, _W + "rPr")  # type: ignore[arg-type]
        _set_fonts(rpr, fonts())


def _house_style(styles: object, settings: object, heading_color: str | None) -> None:
    for lang in styles.iter(_W + "lang"):  # type: ignore[attr-defined]
        lang.set(_W + "eastAsia", "zh-CN")
    for lang in settings.iter(_W + "themeFontLang"):  # type: ignore[attr-defined]
        lang.set(_W + "eastAsia", "zh-CN")
    for node in styles.findall(_W + "style"):  # type: ignore[attr-defined]
        rpr = node.find(_W + "rPr")
        if rpr is None:
            continue
        for tag in ("i", "iCs"):
            for found in rpr.findall(_W + tag):
                rpr.remove(found)
        color = rpr.find(_W + "color")
        if (
            heading_color
            and color is not None
            and (node.get(_W + "styleId") or "").startswith(("Heading", "Title"))
        ):
            for attribute in ("themeColor", "themeShade", "themeTint"):
                color.attrib.pop(_W + attribute, None)
            color.set(_W + "val", heading_color)


def _set_fonts(rpr: object, fonts: object) -> None:
    old = rpr.find(_W + "rFonts")  # type: ignore[attr-defined]
    if old is not None:
        rpr.remove(old)  # type: ignore[attr-defined]
    rpr.insert(0, fonts)  # type: ignore[attr-defined]


def _trim_styles(styles: object) -> None:
    """Keep the styles orgc uses and those they are based on or linked to."""
    by_id = {node.get(_W + "styleId"): node for node in styles.findall(_W + "style")}  # type: ignore[attr-defined]
    keep: set[str] = set()
    pending = [s for s in USED_STYLES if s in by_id]
    for node in by_id.values():  # defaults (Normal, DefaultParagraphFont, TableNormal, NoList)
        if node.get(_W + "default") == "1":
            pending.append(node.get(_W + "styleId"))
    while pending:
        style_id = pending.pop()
        if style_id in keep or style_id not in by_id:
            continue
        keep.add(style_id)
        for tag in ("basedOn", "link", "next"):
            ref = by_id[style_id].find(_W + tag)
            if ref is not None:
                pending.append(ref.get(_W + "val"))
    for style_id, node in by_id.items():
        if style_id not in keep:
            styles.remove(node)  # type: ignore[attr-defined]
    latent = styles.find(_W + "latentStyles")  # type: ignore[attr-defined]
    if latent is not None:
        styles.remove(latent)  # type: ignore[attr-defined]


# the contents' page numbers: right-aligned at the text's right edge, after a dotted leader
_PAGE_TAB = '<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9638"/></w:tabs>'
_OWN_STYLES = {
    "TableText": (
        '<w:style {ns} w:type="paragraph" w:customStyle="1" w:styleId="TableText">'
        '<w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:qFormat/>'
        '<w:pPr><w:widowControl/><w:spacing w:before="20" w:after="20" w:line="264" w:lineRule="auto"/></w:pPr>'
        '<w:rPr><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr></w:style>'
    ),
    "TOCHeading": (
        '<w:style {ns} w:type="paragraph" w:styleId="TOCHeading"><w:name w:val="TOC Heading"/>'
        '<w:basedOn w:val="Heading1"/><w:next w:val="Normal"/><w:qFormat/>'
        '<w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>'
    ),
    "TOC1": (
        '<w:style {ns} w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/>'
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr>{page_tab}<w:spacing w:after="60" w:line="240" w:lineRule="auto"/></w:pPr></w:style>'
    ),
    "TOC2": (
        '<w:style {ns} w:type="paragraph" w:styleId="TOC2"><w:name w:val="toc 2"/>'
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr>{page_tab}<w:spacing w:after="40" w:line="240" w:lineRule="auto"/>'
        '<w:ind w:left="220"/></w:pPr></w:style>'
    ),
}

# A4 portrait, 2 cm side margins.
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 11906, 16838, 1134
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN


_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
)


@cache
def _updating(settings: bytes) -> bytes:
    """``settings`` asking Word to update every field on opening (``w:updateFields``)."""
    from lxml import etree

    root = etree.fromstring(settings)
    for old in root.findall(_W + "updateFields"):
        root.remove(old)
    flag = etree.Element(_W + "updateFields")
    flag.set(_W + "val", "true")
    # Word wants the schema's order: w:updateFields comes just before these
    later = {_W + tag for tag in _AFTER_UPDATE_FIELDS}
    anchor = next((node for node in root if node.tag in later), None)
    if anchor is not None:
        anchor.addprevious(flag)
    else:
        root.append(flag)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _document(body: Sequence[str | Packed]) -> list[str | Packed]:
    section = (
        '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader1"/>'
        '<w:footerReference w:type="default" r:id="rIdFooter1"/>'
        f'<w:pgSz w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}"/>'
        f'<w:pgMar w:top="1247" w:right="{MARGIN}" w:bottom="1247" w:left="{MARGIN}" '
        'w:header="567" w:footer="567" w:gutter="0"/>'
        '<w:cols w:space="425"/><w:docGrid w:linePitch="312"/></w:sectPr>'
    )
    start = f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<w:document {NS}><w:body>"
    return [start, *body, f"{section}</w:body></w:document>"]


def _header_footer(tag: str, body: str) -> str:
    return f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<w:{tag} {NS}>{body}</w:{tag}>"


def _core(title: str, lang: str, when: datetime | None) -> str:
    """Document properties; dates only when given, so that a JD changes only when its content does."""
    from ..escape import xml

    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ") if when else ""
    dates = (
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        if when
        else ""
    )
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{xml(title)}</dc:title><dc:creator>orgc</dc:creator>"
        f"<dc:language>{xml(lang)}</dc:language>{dates}"
        "</cp:coreProperties>"
    )


_APP = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>orgc</Application></Properties>"
)

_ROOT_RELS = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def _document_rels(base: DocxBase, media: tuple[tuple[str, bytes], ...]) -> str:
    rels = [
        ("rIdStyles", "styles", "styles.xml"),
        ("rIdSettings", "settings", "settings.xml"),
        ("rIdNumbering", "numbering", "numbering.xml"),
        ("rIdHeader1", "header", "header1.xml"),
        ("rIdFooter1", "footer", "footer1.xml"),
    ]
    if base.font_table:
        rels.append(("rIdFontTable", "fontTable", "fontTable.xml"))
    if base.theme:
        rels.append(("rIdTheme", "theme", "theme/theme1.xml"))
    rels += [(f"rIdMedia{i}", "image", f"media/{name}") for i, (name, _) in enumerate(media, 1)]
    body = "".join(f'<Relationship Id="{i}" Type="{_REL}{t}" Target="{target}"/>' for i, t, target in rels)
    return _relationships(body)


def _relationships(body: str) -> str:
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f"{body}</Relationships>"
    )


_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def _content_types(base: DocxBase, media: tuple[tuple[str, bytes], ...]) -> str:
    overrides = [
        ("/word/document.xml", f"{_WML}.document.main+xml"),
        ("/word/styles.xml", f"{_WML}.styles+xml"),
        ("/word/settings.xml", f"{_WML}.settings+xml"),
        ("/word/numbering.xml", f"{_WML}.numbering+xml"),
        ("/word/header1.xml", f"{_WML}.header+xml"),
        ("/word/footer1.xml", f"{_WML}.footer+xml"),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
    ]
    if base.font_table:
        overrides.append(("/word/fontTable.xml", f"{_WML}.fontTable+xml"))
    if base.theme:
        overrides.append(
            ("/word/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml")
        )
    defaults = {"rels": "application/vnd.openxmlformats-package.relationships+xml", "xml": "application/xml"}
    for name, _ in media:
        ext = name.rsplit(".", 1)[-1].lower()
        defaults[ext] = {
            "png": "image/png",
            "svg": "image/svg+xml",
            "jpeg": "image/jpeg",
            "jpg": "image/jpeg",
            "emf": "image/x-emf",
        }.get(ext, "application/octet-stream")
    body = "".join(f'<Default Extension="{e}" ContentType="{c}"/>' for e, c in sorted(defaults.items()))
    body += "".join(f'<Override PartName="{p}" ContentType="{c}"/>' for p, c in overrides)
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">{body}</Types>'
    )


_NUMBERING = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    f'<w:numbering {NS}><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/>'
    '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="284" w:hanging="199"/></w:pPr>'
    '<w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:hint="default"/></w:rPr></w:lvl></w:abstractNum>'
    f'<w:num w:numId="{BULLET_NUM_ID}"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
)
