"""Links in raw HTML, for MkDocs: the one place the two engines differ on the site's pages.

The templates write a link inside a raw HTML block the way Markdown links are written: the target's
source path relative to the page's source (``site.urls.html_link``). Zensical resolves those like
Markdown links. MkDocs leaves raw HTML untouched, so this module does the same for it, after the
Markdown is converted: every relative ``href`` that names a ``.md`` file becomes the served URL of
that page, relative to the page being written. A target that is not a page of the site is an
error, so a dead link fails the strict build instead of reaching a reader.

The MkDocs plugin calls ``resolve``; the plain project that ``aks-atlas render --out`` writes uses
it as a hook (``on_page_content``), which Zensical ignores.
"""

from __future__ import annotations

import posixpath
import re

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.utils import get_relative_url

# Why a pattern and not a parser: the hrefs in question come from our own templates, always
# double-quoted; everything else on the page is left byte for byte as MkDocs wrote it.
_HREF = re.compile(r'href="(?![a-z][a-z0-9+.-]*:|/|#)([^"?#]+\.md)([?#][^"]*)?"')


def resolve(html: str, page_src: str, page_url: str, files: Files) -> str:
    """``html`` with each raw ``href="….md[?…][#…]"`` replaced by the served URL of that page."""

    def served(match: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page_src), match.group(1)))
        file = files.get_file_from_path(target)
        if file is None or not file.is_documentation_page():
            raise PluginError(f"docs/{page_src}: a link in raw HTML points to '{match.group(1)}', which is not a page")
        return f'href="{get_relative_url(file.url, page_url)}{match.group(2) or ""}"'

    return _HREF.sub(served, html)


def on_page_content(html: str, page, config, files: Files) -> str:
    """The MkDocs hook form of ``resolve``, for the plain project of ``aks-atlas render --out``."""
    return resolve(html, page.file.src_uri, page.url, files)
