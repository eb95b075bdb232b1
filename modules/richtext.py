"""Markdown as the portal shows it: raw HTML turned into visible text.

Trainers write Markdown and users type names and comments; none of it may
ever run as HTML. Raw HTML is found with markdown-it-py's own tokens and its
`<` `>` `&` written as entities, so it shows exactly as typed.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from markdown_it import MarkdownIt

_MD = MarkdownIt("commonmark").enable("table")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


@lru_cache(maxsize=8192)
def show_html_as_text(markdown: str) -> str:
    """The same Markdown with every raw HTML block and inline tag escaped.

    Cached: a module's texts are shown on every run of every learner's page,
    and parsing them again was a seventh of a module page's time."""
    lines = markdown.split("\n")
    for token in _MD.parse(markdown):
        if token.type == "html_block" and token.map:
            for i in range(*token.map):
                lines[i] = html.escape(lines[i], quote=False)
        elif token.type == "inline" and token.map and token.children:
            tags = {child.content for child in token.children if child.type == "html_inline"}
            for i in range(*token.map):
                for tag in tags:
                    lines[i] = lines[i].replace(tag, html.escape(tag, quote=False))
    return "\n".join(lines)


@lru_cache(maxsize=8192)
def as_words(markdown: str) -> str:
    """Inline Markdown as the words it says, marks and tags included as typed: the accessible name of a
    widget (an attribute, never rendered), where entities and asterisks would be read out."""
    words = []
    for token in _MD.parseInline(markdown):
        for child in token.children or []:
            if child.type in ("text", "code_inline", "html_inline"):
                words.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                words.append(" ")
    return "".join(words)


@lru_cache(maxsize=4096)
def text_of(markdown: str) -> str:
    """A whole Markdown text as its words, one space between blocks: what a search looks through and quotes."""
    return " ".join(as_words(token.content) for token in _MD.parse(markdown) if token.type == "inline").strip()


_LINKABLE = re.compile(r"(?<=:)(?=//)|(?i:(?<=www))(?=\\\.)|(?=@)")


def plain(text: str) -> str:
    """User-typed text (a name, a comment) shown literally inside Markdown, never as a link.

    Streamlit's Markdown turns `https://…`, `www.…` and `a@b.c` into links by
    itself; an invisible zero-width space where they would begin keeps a URL
    that someone typed in a story or a name as plain text for everyone."""
    if not text:
        return ""
    return _LINKABLE.sub("&#8203;", _MD_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False)))


_IMAGE_ONLY = re.compile(r"^\s*!\[([^\]]*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)\s*$")


@lru_cache(maxsize=2048)
def split_images(markdown: str) -> tuple[tuple[str, object], ...]:
    """Cut Markdown at paragraphs that are a single local image.

    Streamlit's Markdown cannot load files beside the module, so those images
    are shown separately; web images stay inline.
    """
    lines = markdown.split("\n")
    parts: list[tuple[str, object]] = []
    start = 0
    for token in _MD.parse(markdown):
        if token.type != "inline" or not token.map or token.level != 1:
            continue
        match = _IMAGE_ONLY.match(token.content)
        if not match or re.match(r"^[a-z]+://", match.group(2)):
            continue
        first, end = token.map
        if first > start:
            parts.append(("markdown", "\n".join(lines[start:first])))
        parts.append(("image", (match.group(1), match.group(2))))
        start = end
    if start < len(lines):
        parts.append(("markdown", "\n".join(lines[start:])))
    return tuple(p for p in parts if p[0] == "image" or str(p[1]).strip())


NARROW, NO_BREAK = "\u202f", "\u00a0"
_CODE = re.compile(r"(```.*?```|`[^`\n]*`|\]\([^)]*\)|https?://\S+)", re.S)  # left alone: code, link targets, URLs
# After a word, a closing quote or bracket, a percent, or the end of **bold** / _italics_: where French puts
# its space before ; ! ? : (a run such as "!!" or "?!" takes one space, before its first sign).
_AFTER = r"(?<=[\w*_»)\]%])"
_BEFORE_TALL = re.compile(_AFTER + r"[ \u00a0\u202f]?([;!?]+)(?=\s|$|[»)*_])")
_BEFORE_COLON = re.compile(_AFTER + r"[ \u00a0]?:(?=\s|$)")
_OPENING, _CLOSING = re.compile(r"«[ \u00a0]?"), re.compile(r"[ \u00a0]?»")


@lru_cache(maxsize=8192)
def french_spacing(markdown: str) -> str:
    """French typography for learners, so trainers need not type it: a narrow no-break space before ; ! ?,
    a no-break space before : and inside « », never a line break there. Code, link targets and URLs stay."""
    parts = _CODE.split(markdown)
    for n in range(0, len(parts), 2):  # even parts are text, odd ones what `_CODE` keeps as is
        text = _BEFORE_TALL.sub(lambda m: NARROW + m.group(1), parts[n])
        text = _BEFORE_COLON.sub(NO_BREAK + ":", text)
        parts[n] = _CLOSING.sub(NO_BREAK + "»", _OPENING.sub("«" + NO_BREAK, text))
    return "".join(parts)


def for_language(markdown: str, lang: str) -> str:
    """A trainer's Markdown as learners of `lang` read it (French spacing in French, else as written)."""
    return french_spacing(markdown) if lang == "fr" else markdown


def as_shown(markdown: str, lang: str) -> str:
    """A trainer's text as every place shows it to learners: its language's typography, raw HTML as text."""
    return show_html_as_text(for_language(markdown, lang))
