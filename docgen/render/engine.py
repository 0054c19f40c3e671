"""render(template, context) -> .docx bytes. The only module that uses docxtpl.

Rendering is sandboxed, strict (an undefined name is an error) and escapes every value, so
"&", "<" and quotes reach the document as written. Output is deterministic: the same inputs
give the same bytes (fixed zip timestamps, the template's member order).

A template is compiled once (`CompiledTemplate`): docxtpl's own patching runs once and the
Jinja template is kept; each render then produces only word/document.xml (and any header or
footer that has tags) and copies the other members of the package, already compressed.
`render()` goes through the same compiled path, so one document and a bulk run give the same
bytes for the same unit. `render_plain()` is docxtpl's own full path, kept for comparison.
"""

from __future__ import annotations

import io
import re
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx.oxml.parser import parse_xml
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, Template, TemplateError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from ..core.errors import DocgenError, Location, error
from ..core.memo import BoundedMemo
from ..core.official import NON_BREAKING_HYPHEN
from .bodytext import BodyText
from .columns import fit_columns
from .properties import core_xml
from .segments import Segments
from .zippack import FAST, Member, pack

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_TAG = re.compile(r"\{[{%]")
_LISTING_CHARS = "\t\a\n\f"  # the characters resolve_listing turns into tabs, breaks, pages
CORE_PART = "docProps/core.xml"
_CORE_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")


class _Template(DocxTemplate):
    """docxtpl's template whose table fix-up also sizes content tables' columns (see columns.py);
    both rendering paths use it, so they still give the same bytes."""

    def fix_tables(self, xml: str) -> Any:
        tree = super().fix_tables(xml)
        fit_columns(tree)
        if NON_BREAKING_HYPHEN in xml:
            split_non_breaking_hyphens(tree)
        return tree


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# The w:t elements holding one, found by lxml itself rather than by visiting every w:t in Python.
_TEXTS_WITH_NON_BREAKING_HYPHEN = etree.XPath(f"//w:t[contains(text(), '{NON_BREAKING_HYPHEN}')]", namespaces={"w": _W[1:-1]})


def split_non_breaking_hyphens(tree: Any) -> None:
    """Each U+2011 of a text element becomes Word's own <w:noBreakHyphen/> between two text
    elements of the same run: drawn with the font's hyphen in Word and LibreOffice alike (a font
    need not have a glyph for U+2011), and never a place to break the line."""
    for text in _TEXTS_WITH_NON_BREAKING_HYPHEN(tree):
        pieces = text.text.split(NON_BREAKING_HYPHEN)
        text.text = pieces[0]
        text.set(_XML_SPACE, "preserve")
        anchor = text
        for piece in pieces[1:]:
            hyphen = etree.Element(f"{_W}noBreakHyphen")
            following = etree.Element(f"{_W}t")
            following.text = piece
            following.set(_XML_SPACE, "preserve")
            anchor.addnext(hyphen)
            hyphen.addnext(following)
            anchor = following


def jinja_env() -> SandboxedEnvironment:
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)


@dataclass(frozen=True)
class _Part:
    """A tagged part rendered per document: zip name, compiled template, encoding."""

    name: str
    template: Template
    encoding: str


class CompiledTemplate:
    """A template loaded, patched and compiled once; `render(context)` per document.

    docxtpl's own steps run on one document state the template keeps, so renders of one compiled
    template take turns (the web server renders from several threads)."""

    def __init__(self, template: Path) -> None:
        self.path = template
        self._lock = threading.Lock()
        self._splice: _Splice | None = None
        self._core: tuple[tuple[Any, ...], Member] | None = None  # the last docProps/core.xml, by its properties
        try:
            self._compile(template)
        except TemplateError as exc:
            raise _template_error(template, exc) from None

    def _compile(self, template: Path) -> None:
        self._doc = _Template(str(template))
        self._doc.render_init()
        self._env = jinja_env()
        self._root = self._doc.docx._element
        source = _before_render(self._doc.patch_xml(self._doc.get_xml()))
        self._body = self._env.from_string(source)
        self._segments = Segments.for_template(self._env, source)
        self._bodytext = BodyText.for_template(source, self._doc.fix_tables, _Splice.inner)
        self._bodytext_checked = False  # the string pass is compared with the tree's bytes once
        self._parts = list(self._tagged_parts())
        self._plain = self._needs_plain_path()
        if not self._plain:
            self._doc.render_properties({}, self._env)
        buffer = io.BytesIO()
        self._doc.docx.save(buffer)
        with zipfile.ZipFile(buffer) as package:
            self._members = [Member.compress(name, package.read(name)) for name in package.namelist()]

    def _tagged_parts(self) -> list[_Part]:
        parts = []
        for uri in (self._doc.HEADER_URI, self._doc.FOOTER_URI):
            for _, part in self._doc.get_headers_footers(uri):
                xml = self._doc.get_part_xml(part)
                if _TAG.search(xml):
                    source = _before_render(self._doc.patch_xml(xml))
                    encoding = self._doc.get_headers_footers_encoding(xml)
                    parts.append(_Part(str(part.partname).lstrip("/"), self._env.from_string(source), encoding))
        return parts

    def _needs_plain_path(self) -> bool:
        """Tags in core properties or footnotes: render those documents with docxtpl's full path."""
        properties = self._doc.docx.core_properties
        if any(_TAG.search(getattr(properties, name) or "") for name in _CORE_PROPERTIES):
            return True
        return any(part.content_type.endswith("footnotes+xml") and _TAG.search(part.blob.decode("utf-8", "replace"))
                   for part in self._doc.docx.part.package.parts)

    def render(self, context: dict[str, Any]) -> bytes:
        if self._plain:
            return render_plain(self.path, context)
        try:
            changed = {"word/document.xml": Member.compress("word/document.xml", self._document_xml(context), FAST)}
            if "properties" in context:
                changed[CORE_PART] = self._core_member(context["properties"])
            for part in self._parts:
                xml = _serialize(parse_xml(_after_render(self._doc, part.template.render(context)).encode(part.encoding)))
                changed[part.name] = Member.compress(part.name, xml, FAST)
        except TemplateError as exc:
            raise _template_error(self.path, exc) from None
        return pack([changed.get(m.name, m) for m in self._members])

    def _core_member(self, properties: dict[str, Any]) -> Member:
        """docProps/core.xml compressed, kept while the properties stay the same (a bulk run's units share them
        unless each has its own organ)."""
        key = tuple(properties.items())
        kept = self._core
        if kept is None or kept[0] != key:
            kept = self._core = (key, Member.compress(CORE_PART, core_xml(properties), FAST))
        return kept[1]

    def document_xml(self, context: dict[str, Any]) -> bytes:
        """word/document.xml alone, as docxtpl would write it."""
        try:
            return self._document_xml(context)
        except TemplateError as exc:
            raise _template_error(self.path, exc) from None

    def _document_xml(self, context: dict[str, Any]) -> bytes:
        with self._lock:
            return self._document_xml_unlocked(context)

    def _document_xml_unlocked(self, context: dict[str, Any]) -> bytes:
        doc = self._doc
        doc.current_rendering_part = doc.docx._part
        if self._segments is not None and self._bodytext_checked and self._splice is not None:
            made = self._segments.render(context, self._finish, lambda: self._whole(context))
            if made is not None:
                return made
        return self._whole(context)

    def _whole(self, context: dict[str, Any]) -> bytes:
        xml = _after_render(self._doc, self._body.render(context))
        return self._from_text(xml) or self._from_tree(xml)

    def _finish(self, xml: str) -> bytes | None:
        """The string pass over a rendered body (see segments.py); None where it does not apply."""
        if self._splice is None or self._bodytext is None:
            return None
        inner = self._bodytext.inner(_after_render(self._doc, xml))
        return None if inner is None else self._splice.prefix + inner + self._splice.suffix

    def _from_text(self, xml: str) -> bytes | None:
        """word/document.xml without parsing the body where the string pass applies (see bodytext.py);
        on the first such document it is checked against the tree's bytes, and given up if they differ."""
        if self._splice is None or self._bodytext is None:
            return None
        inner = self._bodytext.inner(xml)
        if inner is None:
            return None
        whole = self._splice.prefix + inner + self._splice.suffix
        if not self._bodytext_checked:
            self._bodytext_checked = True
            if whole != self._from_tree(xml):
                self._bodytext = None
                return None
        return whole

    def _from_tree(self, xml: str) -> bytes:
        """docxtpl's way: the body parsed, its tables fixed, serialised."""
        doc = self._doc
        tree = doc.fix_tables(xml)
        if "docPr" in xml:  # pictures: docxtpl renumbers their ids
            doc.docx_ids_index = 1000
            doc.fix_docpr_ids(tree)
        joined = self._splice.join(tree) if self._splice is not None else None
        if joined is not None:
            return joined
        self._root.replace(self._root.body, tree)  # docxtpl's way: the body moved into the document tree
        whole = _serialize(self._root)
        self._splice = _Splice.learn(whole, tree)
        return whole


@dataclass(frozen=True)
class _Splice:
    """word/document.xml as the bytes around the body plus the body serialised on its own.

    Moving each new body into the document tree (docxtpl's way) walks every node to reconcile
    namespaces, then the whole tree is serialised. Where the template declares its namespaces so
    that the body serialised alone equals the body inside the document — which depends on the
    template only, and is checked on the first document rendered the docxtpl way — later
    documents skip the move."""

    prefix: bytes
    suffix: bytes

    @staticmethod
    def inner(tree: Any) -> bytes | None:
        alone = bytes(etree.tostring(tree, encoding="UTF-8", xml_declaration=False))
        start, end = alone.find(b">") + 1, alone.rfind(b"</w:body>")
        return alone[start:end] if alone.startswith(b"<w:body") and 0 < start <= end else None

    @classmethod
    def learn(cls, whole: bytes, tree: Any) -> _Splice | None:
        inner = cls.inner(tree)
        start = whole.find(b"<w:body")
        start = whole.find(b">", start) + 1 if start >= 0 else -1
        end = whole.rfind(b"</w:body>")
        if inner is None or start <= 0 or whole[start:end] != inner:
            return None
        return cls(whole[:start], whole[end:])

    def join(self, tree: Any) -> bytes | None:
        inner = self.inner(tree)
        return None if inner is None else self.prefix + inner + self.suffix


def _before_render(xml: str) -> str:
    """The step docxtpl applies to a patched part just before compiling it."""
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)


def _after_render(doc: DocxTemplate, xml: str) -> str:
    """The steps docxtpl applies to a rendered part (render_xml_part)."""
    xml = xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")  # docxtpl: re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
    if "_" in xml and ("{_" in xml or "_}" in xml):  # one fast scan for the usual case of none
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
    return _resolve_listing(doc, xml)


def _resolve_listing(doc: DocxTemplate, xml: str) -> str:
    """docxtpl's resolve_listing, applied only to the paragraphs that hold a tab, line or page character.

    resolve_listing matches each paragraph from its start tag to the first "</w:p>" and leaves a
    paragraph without those characters unchanged. When paragraphs do not nest (no text boxes),
    the paragraph around such a character is the last start tag before it, up to the next end
    tag; with text boxes, docxtpl's own function runs on the whole part.
    """
    positions = _listing_positions(xml)
    if not positions:
        return xml
    if "txbxContent" in xml:
        return str(doc.resolve_listing(xml))
    out, pos = [], 0
    for i in positions:
        if i < pos:
            continue
        start = max(xml.rfind("<w:p ", pos, i), xml.rfind("<w:p>", pos, i))
        end = xml.find("</w:p>", start) if start >= 0 else -1
        if end < i:
            continue  # between paragraphs: docxtpl leaves it too
        out += [xml[pos:start], _listed(doc, xml[start:end + 6])]
        pos = end + 6
    out.append(xml[pos:])
    return "".join(out)


_LISTED: BoundedMemo[str, str] = BoundedMemo(256)  # paragraphs as resolve_listing made them (a bulk run's summary)


def _listed(doc: DocxTemplate, paragraph: str) -> str:
    """resolve_listing of one paragraph (a function of its text alone), made once per distinct paragraph."""
    return _LISTED.made(paragraph, lambda: str(doc.resolve_listing(paragraph)))


def _listing_positions(xml: str) -> list[int]:
    """Where the tab, line, bell and page characters stand, in order (str.find per character is
    many times faster than a regular expression over a long non-ASCII text)."""
    found = []
    for char in _LISTING_CHARS:
        i = xml.find(char)
        while i >= 0:
            found.append(i)
            i = xml.find(char, i + 1)
    return sorted(found)


def _serialize(element: Any) -> bytes:
    return bytes(etree.tostring(element, encoding="UTF-8", standalone=True))


def _template_error(template: Path, exc: TemplateError) -> DocgenError:
    return DocgenError(error("template-error", f"Mẫu văn bản bị lỗi: {exc}.", Location(str(template))))


_CACHE_SIZE = 4  # the Party and State templates and a couple of local ones; memory stays flat
_CACHE: dict[str, tuple[tuple[int, int], CompiledTemplate]] = {}
_CACHE_LOCK = threading.Lock()


def compiled(template: Path) -> CompiledTemplate:
    """The compiled template for `template`, compiled again when the file changes."""
    stat = template.stat()
    key, stamp = str(template.resolve()), (stat.st_mtime_ns, stat.st_size)
    with _CACHE_LOCK:
        cached = _CACHE.get(key)
        if cached is None or cached[0] != stamp:
            _CACHE.pop(key, None)
            if len(_CACHE) >= _CACHE_SIZE:
                _CACHE.pop(next(iter(_CACHE)))
            cached = _CACHE[key] = (stamp, CompiledTemplate(template))
        return cached[1]


def render(template: Path, context: dict[str, Any]) -> bytes:
    return compiled(template).render(context)


def render_plain(template: Path, context: dict[str, Any], normalize: bool = True) -> bytes:
    """docxtpl's own full path (load, patch, compile, render, save) for one document.

    `normalize=False` returns docxtpl's package as saved (timestamps of the moment), as a plain
    docxtpl loop would write it.
    """
    try:
        doc = _Template(str(template))
        doc.render(context, jinja_env=jinja_env(), autoescape=True)
    except TemplateError as exc:
        raise _template_error(template, exc) from None
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalize_zip(buffer.getvalue(), _properties(context)) if normalize else buffer.getvalue()


def _properties(context: dict[str, Any]) -> dict[str, bytes]:
    """docProps/core.xml made from the context's `properties`, when it has them."""
    return {CORE_PART: core_xml(context["properties"])} if "properties" in context else {}


def normalize_zip(data: bytes, replace: dict[str, bytes] | None = None) -> bytes:
    """Rewrite a .docx with fixed timestamps and attributes so equal content gives equal bytes;
    `replace`: members whose content is given instead of the one in `data`."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, (replace or {}).get(item.filename) or source.read(item.filename))
    return out.getvalue()
