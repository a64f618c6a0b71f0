"""The URL scheme in one place: where each kind of page and data asset lives, and relative links.

Pages are addressed by their source path inside the docs folder (``options/kubenet.md``);
MkDocs with ``use_directory_urls`` serves that at ``options/kubenet/``. Markdown links use the
source path (so MkDocs validates them); HTML blocks use the served URL. Data assets (JSON the
page scripts read) are addressed by their path from the site root. Templates reach all of this
through the ``urls`` global.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Iterable

#: Data assets: the knowledge base and its schemas, and the JSON each page script reads.
KB_JSON = "api/kb.json"
COMPARE_JSON = "api/compare.json"
DESIGN_JSON = "api/design.json"
IPPLAN_JSON = "api/ipplan.json"
MIGRATE_JSON = "api/migrate.json"
DIAGRAMS_JSON = "api/diagrams.json"
SEARCH_JSON = "api/search.json"  #: names and synonyms for "did you mean" when a search finds nothing


def schema_json(name: str) -> str:
    return f"api/schema/{name}"


def tree_json(tree_id: str) -> str:
    return f"api/trees/{tree_id}.json"


#: Feeds: the changes as Atom, the lifecycle dates as iCalendar (every page links both).
CHANGES_FEED = "feeds/changes.xml"
LIFECYCLE_CALENDAR = "feeds/lifecycle.ics"
#: The feeds every page links (<link rel="alternate">): path, MIME type, title.
FEEDS = [
    {"path": CHANGES_FEED, "type": "application/atom+xml", "title": "AKS Networking Atlas: changes"},
    {"path": LIFECYCLE_CALENDAR, "type": "text/calendar", "title": "AKS Networking Atlas: lifecycle dates"},
]
#: Material's instant navigation fetches sitemap.xml next to every <link rel="alternate"> it
#: finds (meant for language versions); an empty one beside the feeds answers it.
FEEDS_SITEMAP = "feeds/sitemap.xml"


def home() -> str:
    return "index.md"


def layer(layer_id: str) -> str:
    return f"{layer_id}/index.md"


def category(layer_id: str, category_id: str) -> str:
    return f"{layer_id}/{category_id}/index.md"


def option(option_id: str) -> str:
    return f"options/{option_id}.md"


#: A category with more options than this has no page per pair (their number grows with the square
#: of the options): its options are compared in compare-any instead (``side_by_side``).
PAIR_PAGES_UP_TO = 12


#: A knowledge base with more options than this gets no options × options grid on the
#: compatibility page (its cells grow with the square of the options: 450 options made a 30 MB
#: page): the page lists the rules by option, and compare-any shows any set of options side by side.
MATRIX_UP_TO = 150


def has_matrix_grid(options: int) -> bool:
    return options <= MATRIX_UP_TO


def pair(a: str, b: str) -> str:
    first, second = sorted((a, b))
    return f"compare/{first}-vs-{second}.md"


def has_pair_pages(options_in_category: int) -> bool:
    return options_in_category <= PAIR_PAGES_UP_TO


def side_by_side(a: str, b: str, options_in_category: int) -> str:
    """Where two options of one category are compared: their pair page, or compare-any with both
    (a source path with a query, for Markdown links) in a category too large for pair pages."""
    if has_pair_pages(options_in_category):
        return pair(a, b)
    return f"{compare_index()}?ids={','.join(sorted((a, b)))}"


def compare_index() -> str:
    return "compare/index.md"


def compatibility() -> str:
    return "compatibility.md"


def decide_index() -> str:
    return "decide/index.md"


def tree(tree_id: str) -> str:
    return f"decide/{tree_id}.md"


def design() -> str:
    return "design/index.md"


def ip_planner() -> str:
    return "tools/ip-planner.md"


def design_query(choices: Iterable[tuple[str, str]]) -> str:
    """The designer's query string: ``category=option`` pairs in the order given (ids need no
    escaping: they are lowercase letters, digits and hyphens)."""
    return "&".join(f"{category}={option}" for category, option in choices)


def migrate() -> str:
    return "migrate/index.md"


def changes() -> str:
    return "changes/index.md"


def absolute(site_url: str, from_asset: str, src: str, anchor: str = "") -> str:
    """A link written into a data asset (a feed): absolute when the site's address is known,
    else relative to the asset itself."""
    if site_url:
        return site_url.rstrip("/") + "/" + served(src) + anchor
    return "../" * from_asset.count("/") + served(src) + anchor


def about() -> str:
    return "about.md"


def glossary() -> str:
    return "glossary.md"


def tags() -> str:
    return "tags.md"


def served(src: str) -> str:
    """The URL path (no leading slash) MkDocs serves ``src`` at, with directory URLs."""
    stem = src[: -len(".md")] if src.endswith(".md") else src
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


@functools.lru_cache(maxsize=65536)  # pure, and asked for thousands of times per build
def md_link(from_src: str, to_src: str) -> str:
    """A relative link between two source files, for Markdown (validated by MkDocs)."""
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")


def html_link(from_src: str, to_src: str) -> str:
    """A link in a raw HTML block, written like a Markdown link: the target's source path relative
    to this page's source. Zensical resolves such links itself; MkDocs leaves raw HTML alone, so
    its adapter (``adapters/raw_links.py``) turns them into served URLs and rejects dead ones."""
    return md_link(from_src, to_src)


def served_link(from_src: str, to_src: str) -> str:
    """A relative link between the served URLs of two pages, for what no engine rewrites: a
    script's data, a refresh target in a page's metadata."""
    here = served(from_src)
    depth = here.count("/")
    return "../" * depth + served(to_src) if (served(to_src) or depth) else "./"


def asset_link(from_src: str, asset: str) -> str:
    """A relative link from a page's served URL to a static asset path such as ``api/kb.json``."""
    return "../" * served(from_src).count("/") + asset
