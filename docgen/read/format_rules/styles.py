"""Formatting as Word resolves it: direct run formatting over the character style, over the
paragraph style and its basedOn chain, over the document defaults; theme fonts looked up in the
theme. Each style is flattened once per document (cached), so judging a paragraph costs a few
dictionary merges, not XPath lookups.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn

from ...core.memo import BoundedMemo

Props = dict[str, Any]
_TRUE = {"1", "true", "on", None}
_RUN_TOGGLES = {"b": "bold", "i": "italic", "caps": "caps"}
THEME_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_R_STYLE = qn("w:rStyle")


_ATTRIBUTES: dict[str, str] = {}  # "val" → its qualified name, qualified once


def _attr(element: Any, name: str) -> str | None:
    qualified = _ATTRIBUTES.get(name)
    if qualified is None:
        qualified = _ATTRIBUTES[name] = qn(f"w:{name}")
    value: str | None = element.get(qualified)
    return value


def run_props(rpr: Any, theme: dict[str, str]) -> Props:
    """The properties a w:rPr sets (and only those): font, size in pt, bold, italic, underline, caps, colour."""
    props: Props = {}
    if rpr is None:
        return props
    for child in rpr:
        tag = child.tag.rsplit("}", 1)[-1]
        if tag in _RUN_TOGGLES:
            props[_RUN_TOGGLES[tag]] = _attr(child, "val") in _TRUE
        elif tag == "rFonts":
            font = _attr(child, "ascii") or _attr(child, "hAnsi")
            theme_font = _attr(child, "asciiTheme") or _attr(child, "hAnsiTheme")
            if font or theme_font:
                props["font"] = font or theme.get(theme_font or "", "")
        elif tag == "sz":
            props["size"] = int(_attr(child, "val") or 0) / 2
        elif tag == "u":
            props["underline"] = (_attr(child, "val") or "single") != "none"
        elif tag == "color":
            props["color"] = (_attr(child, "val") or "auto").upper()
    return props


def paragraph_props(ppr: Any) -> Props:
    """The properties a w:pPr sets: alignment, first-line indent and spacing in twips, line rule, bottom border."""
    props: Props = {}
    if ppr is None:
        return props
    for child in ppr:
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "jc":
            props["align"] = {"both": "justify", "start": "left", "end": "right"}.get(_attr(child, "val") or "", _attr(child, "val"))
        elif tag == "ind":
            _indent(child, props)
        elif tag == "spacing":
            for name in ("before", "after", "line", "lineRule"):
                if _attr(child, name) is not None:
                    props[name] = _attr(child, name)
        elif tag == "pBdr" and child.find(qn("w:bottom")) is not None:
            props["rule_below"] = _attr(child.find(qn("w:bottom")), "val") not in ("none", "nil")
    return props


def _indent(ind: Any, props: Props) -> None:
    if _attr(ind, "firstLine") is not None:
        props["first_line"] = int(_attr(ind, "firstLine") or 0)
    if _attr(ind, "hanging") is not None:
        props["first_line"] = -int(_attr(ind, "hanging") or 0)


def theme_fonts(document: Any) -> dict[str, str]:
    """minorHAnsi, majorAscii, … → the typeface the theme names (the "phông chữ None" of old messages)."""
    fonts: dict[str, str] = {}
    for rel in document.part.rels.values():
        if rel.reltype != THEME_REL or rel.is_external:
            continue
        from lxml import etree

        root = etree.fromstring(rel.target_part.blob)
        for kind in ("major", "minor"):
            latin = root.find(f".//{_A}{kind}Font/{_A}latin")
            if latin is not None:
                for script in ("Ascii", "HAnsi", "EastAsia", "Bidi"):
                    fonts[f"{kind}{script}"] = latin.get("typeface", "")
    return fonts


@dataclass
class StyleSheet:
    """The styles of one document, each flattened along its basedOn chain once."""

    styles: dict[str, Any]
    theme: dict[str, str]
    default_run: Props
    default_paragraph: Props
    default_paragraph_style: str | None
    # Memos of style() and _paragraph_style(), on the sheet itself: a cache on the method would keep
    # every document's sheet (and its style tree) alive until the process ends.
    _flattened: dict[str, tuple[Props, Props]] = field(default_factory=dict, init=False, repr=False)
    _paragraph_styles: dict[str, tuple[Props, Props]] = field(default_factory=dict, init=False, repr=False)

    @classmethod
    def of(cls, document: Any, fingerprint: bytes | None = None) -> StyleSheet:
        """The document's sheet; with the fingerprint of its styles and theme (docxpackage.styles_fingerprint),
        the sheet of an earlier document with the same bytes, already resolved (one template, one sheet)."""
        return _SHARED_SHEETS.made(fingerprint, lambda: cls._read(document))

    @classmethod
    def _read(cls, document: Any) -> StyleSheet:
        root = document.styles.element
        theme = theme_fonts(document)
        styles = {_attr(s, "styleId") or "": s for s in root.findall(qn("w:style"))}
        defaults = root.find(qn("w:docDefaults"))
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}") if defaults is not None else None
        ppr = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}") if defaults is not None else None
        default_style = next((i for i, s in styles.items() if _attr(s, "type") == "paragraph" and _attr(s, "default") in ("1", "true")), None)
        return cls(styles, theme, run_props(rpr, theme), paragraph_props(ppr), default_style)

    def style(self, style_id: str) -> tuple[Props, Props]:
        """(run properties, paragraph properties) a style sets, its bases' included."""
        found = self._flattened.get(style_id)
        if found is None:
            found = self._flattened[style_id] = self._flatten(style_id)
        return found

    def _flatten(self, style_id: str) -> tuple[Props, Props]:
        element = self.styles.get(style_id)
        if element is None:
            return {}, {}
        based = element.find(qn("w:basedOn"))
        run, paragraph = self.style(_attr(based, "val") or "") if based is not None else ({}, {})
        own_run = run_props(element.find(qn("w:rPr")), self.theme)
        own_paragraph = paragraph_props(element.find(qn("w:pPr")))
        return {**run, **own_run}, {**paragraph, **own_paragraph}

    def paragraph(self, ppr: Any, named: str | None) -> tuple[Props, Props]:
        """(run properties every run inherits, paragraph properties) of a paragraph, from its w:pPr (or
        None) and the style that names (docxview.style_id)."""
        style_id = named or self.default_paragraph_style or ""
        inherited, styled = self._paragraph_styles.get(style_id) or self._paragraph_style(style_id)
        own = paragraph_props(ppr)
        return inherited, {**styled, **own} if own else styled

    def _paragraph_style(self, style_id: str) -> tuple[Props, Props]:
        """(run properties, paragraph properties) a paragraph of this style has before its own settings,
        remembered: shared by the style's paragraphs (nobody changes properties once read)."""
        run, paragraph = self.style(style_id)
        found = self._paragraph_styles[style_id] = {**self.default_run, **run}, {**self.default_paragraph, **paragraph}
        return found

    def run(self, rpr: Any, inherited: Props) -> Props:
        """A run's properties, from its w:rPr (or None) and what it inherits from its paragraph."""
        if rpr is None:
            return inherited
        char_style = rpr.find(_R_STYLE)
        character = self.style(_attr(char_style, "val") or "")[0] if char_style is not None else {}
        return {**inherited, **character, **run_props(rpr, self.theme)}


# Resolved sheets by the fingerprint of the bytes they were read from: a folder of reports made from
# one template resolves its styles once. Few are kept (each holds its first document's style tree);
# the web server's threads share them.
_SHARED_SHEETS: BoundedMemo[bytes, StyleSheet] = BoundedMemo(16)
