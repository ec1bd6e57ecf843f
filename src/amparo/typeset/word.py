"""Word documents in Amparo's style, for letters and contributions alike.

python-docx starts from a template made on a Mac for US Letter paper, in US English,
with a thumbnail and "Microsoft Macintosh Word" as its application. A document from
``new_word_document`` instead is A4, says its own language (so that the recipient's
spelling checker, hyphenation and quotation marks are right), names a font for each
script (Latin, East Asian, complex), runs right to left when its language does, and
says that Amparo made it. Its properties hold only what the caller gives: they are read
by whoever receives the file, and must carry no name that consent withholds.

``add_text`` writes text in runs of one script, each with its script's font, so that a
Chinese or Arabic name inside an English sentence is set in a face that has it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any
from xml.sax.saxutils import escape

from docx import Document as new_docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from amparo.typeset.fonts import face_name
from amparo.typeset.language import language_tag, script_of_language
from amparo.typeset.page import LETTER_PAGE, PageSetup
from amparo.typeset.scripts import Script, runs
from amparo.typeset.version import amparo_version

#: The styles a letter or a contribution uses; each gets the document's fonts and language.
_STYLES = ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "List Number")
#: Elements that come after w:bidi in a paragraph's properties (ECMA-376 CT_PPr order).
_AFTER_PPR_BIDI = ("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
                   "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                   "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
                   "w:pPrChange")
_AFTER_SZCS = ("w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl",
               "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")
_THEME_FONTS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")

_APP_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">\
<Application>{application}</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>\
<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>\
<AppVersion>{app_version}</AppVersion></Properties>"""


def _app_version(version: str) -> str:
    """``0.1.0`` as the XX.YYYY form Office expects of AppVersion: ``00.0100``."""
    parts = [int(p) if p.isdigit() else 0 for p in [*version.split("."), "0", "0"][:3]]
    return f"{parts[0] % 100:02d}.{parts[1] % 100:02d}{parts[2] % 100:02d}"


def _set_fonts(rpr: Any, *, ascii_font: str | None, east_asia: str, complex_font: str) -> None:
    fonts = rpr.get_or_add_rFonts()
    for attr in _THEME_FONTS if ascii_font else _THEME_FONTS[2:]:
        fonts.attrib.pop(qn(attr), None)  # a theme font would win over the named one
    if ascii_font:
        fonts.set(qn("w:ascii"), ascii_font)
        fonts.set(qn("w:hAnsi"), ascii_font)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), complex_font)


def _set_lang(rpr: Any, *, tag: str, east_asia: str, bidi: str) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.insert_element_before(lang, *_AFTER_LANG)
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:eastAsia"), east_asia)
    lang.set(qn("w:bidi"), bidi)


def _set_complex_size(rpr: Any, half_points: int) -> None:
    size = rpr.find(qn("w:szCs"))
    if size is None:
        size = OxmlElement("w:szCs")
        rpr.insert_element_before(size, *_AFTER_SZCS)
    size.set(qn("w:val"), str(half_points))


def right_to_left(paragraph: Any) -> None:
    """Make ``paragraph`` run right to left (``w:bidi``, in its schema place)."""
    ppr = paragraph._p.get_or_add_pPr()
    if ppr.find(qn("w:bidi")) is None:
        ppr.insert_element_before(OxmlElement("w:bidi"), *_AFTER_PPR_BIDI)


def _set_page(document: Any, page: PageSetup, rtl: bool) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(page.width), Mm(page.height)
    section.left_margin, section.right_margin = Mm(page.left), Mm(page.right)
    section.top_margin, section.bottom_margin = Mm(page.top), Mm(page.bottom)
    if rtl:
        sect = section._sectPr
        if sect.find(qn("w:bidi")) is None:
            sect.insert_element_before(OxmlElement("w:bidi"), "w:rtlGutter", "w:docGrid",
                                       "w:printerSettings", "w:sectPrChange")


def _replace_package_parts(document: Any) -> None:
    """No thumbnail (the template's is a blank page), and app properties that say Amparo."""
    package = document.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype in (RT.THUMBNAIL, RT.EXTENDED_PROPERTIES):
            package.rels.pop(rid)
    version = amparo_version()
    xml = _APP_XML.format(application=escape(f"Amparo {version}"), app_version=_app_version(version))
    app = Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, xml.encode("utf-8"), package)
    package.relate_to(app, RT.EXTENDED_PROPERTIES)


def new_word_document(*, title: str, subject: str, author: str, keywords: str, language: str, day: date,
                      direction: str = "ltr", page: PageSetup = LETTER_PAGE, size: float = 10.5) -> Any:
    """A blank Word document in Amparo's style whose core properties hold only what is given.

    Every property is set, none left at python-docx's defaults. The time is noon of
    ``day``, so the same content gives the same file. ``language`` is a code such as
    ``fr`` or ``ar``: it becomes ``w:lang`` (``fr-FR``; ``ar-SA`` as the complex-script
    language), and with ``direction="rtl"`` paragraphs and the section run right to left.
    """
    d = new_docx()
    tag = language_tag(language)
    script = script_of_language(language)
    rtl = direction == "rtl"
    east_asia = tag if script is Script.CJK else "zh-CN"
    bidi = tag if script in (Script.ARABIC, Script.HEBREW, Script.DEVANAGARI) else "ar-SA"
    complex_font = face_name(Script.HEBREW if script is Script.HEBREW else Script.ARABIC)
    text_font = face_name(Script.WESTERN)
    cjk_font = face_name(Script.CJK)

    defaults = d.styles.element.find(qn("w:docDefaults"))
    default_rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(default_rpr, ascii_font=text_font, east_asia=cjk_font, complex_font=complex_font)
    _set_lang(default_rpr, tag=tag, east_asia=east_asia, bidi=bidi)
    settings_lang = d.settings.element.find(qn("w:themeFontLang"))
    if settings_lang is not None:
        settings_lang.set(qn("w:val"), tag)
        settings_lang.set(qn("w:eastAsia"), east_asia)
        settings_lang.set(qn("w:bidi"), bidi)
    for name in _STYLES:
        style = d.styles[name]
        rpr = style.element.get_or_add_rPr()
        # Headings keep the template's Latin face; every style gets the CJK and complex ones.
        _set_fonts(rpr, ascii_font=text_font if name == "Normal" else None, east_asia=cjk_font,
                   complex_font=complex_font)
        _set_lang(rpr, tag=tag, east_asia=east_asia, bidi=bidi)
    normal = d.styles["Normal"]
    normal.font.size = Pt(size)
    _set_complex_size(normal.element.get_or_add_rPr(), round(size * 2))
    if rtl:
        ppr = normal.element.get_or_add_pPr()
        if ppr.find(qn("w:bidi")) is None:
            ppr.insert_element_before(OxmlElement("w:bidi"), *_AFTER_PPR_BIDI)
    _set_page(d, page, rtl)
    _replace_package_parts(d)

    props = d.core_properties
    props.title = title
    props.subject = subject
    props.author = author
    props.last_modified_by = author
    props.keywords = keywords
    props.language = tag
    props.comments = ""
    props.category = ""
    stamp = datetime.combine(day, time(12, 0), tzinfo=UTC).replace(tzinfo=None)
    props.created = stamp
    props.modified = stamp
    props.revision = 1
    return d


def _script_run_properties(run: Any, script: Script) -> None:
    rpr = run._r.get_or_add_rPr()
    if script is Script.CJK:
        fonts = rpr.get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), face_name(Script.CJK))
        fonts.set(qn("w:hint"), "eastAsia")
    elif script in (Script.ARABIC, Script.HEBREW, Script.DEVANAGARI):
        fonts = rpr.get_or_add_rFonts()
        fonts.set(qn("w:cs"), face_name(script))
        if script.rtl:
            rpr.get_or_add_rtl()
        else:
            rpr.get_or_add_cs()  # Devanagari takes the complex-script font and size


def add_text(paragraph: Any, text: str, *, bold: bool = False, italic: bool = False,
             color: RGBColor | None = None) -> None:
    """Append ``text`` to ``paragraph`` in runs of one script, each in its script's font.

    Bold and italic are set for complex scripts too (``w:bCs``, ``w:iCs``): Word applies
    ``w:b`` to Latin text only.
    """
    groups: list[tuple[Script | None, str]] = []
    for script, chunk in runs(text):
        kind = None if script in (Script.WESTERN, Script.COMMON) else script
        if groups and groups[-1][0] is kind:
            groups[-1] = (kind, groups[-1][1] + chunk)
        else:
            groups.append((kind, chunk))
    for kind, chunk in groups or [(None, "")]:
        run = paragraph.add_run(chunk)
        if bold:
            run.bold = True
            run._r.get_or_add_rPr().get_or_add_bCs()
        if italic:
            run.italic = True
            run._r.get_or_add_rPr().get_or_add_iCs()
        if color is not None:
            run.font.color.rgb = color
        if kind is not None:
            _script_run_properties(run, kind)


def page_number_field(paragraph: Any) -> None:
    """A PAGE field, so that the word processor numbers the pages itself."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)
