"""The MkDocs adapter: hands the core's pages to MkDocs. No knowledge of the data lives here.

Order matters (ARCHITECTURE.md, "Platform notes"): MkDocs empties ``site_dir`` after ``on_pre_build``, so the whole
knowledge base is loaded, checked and rendered there; a data or template error raises
``PluginError`` before the last good site is touched. ``on_files`` only adds what was rendered.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from ..app import build_site, load_kb
from ..core.errors import KnowledgeBaseError
from ..core.read import KnowledgeBase
from ..core.settings import DEFAULT_REVIEW_DAYS, Settings, build_date
from ..site import urls
from ..site.render import TEMPLATES, Site
from . import raw_links
from .incremental import CompiledTemplates, GeneratedFolder, forget_built_pages, headings, watch_often

# Stale-fact warnings go to a logger outside the "mkdocs" tree on purpose: `strict` turns
# mkdocs warnings into a failed build, and facts ageing must not break a deployment.
stale_log = logging.getLogger("aks_atlas.stale")
log = logging.getLogger("mkdocs.plugins.aks_atlas")


class AtlasConfig(Config):
    """The plugin's options in ``mkdocs.yml`` (under ``plugins: - aks-atlas:``)."""

    data_dir = c.Dir(exists=True, default="data")
    """The knowledge base folder, relative to ``mkdocs.yml``; a missing folder stops the build."""

    review_days = c.Type(int, default=DEFAULT_REVIEW_DAYS)
    """Age in days after which a ``verified_on`` date is stale: a build warning and a "Due for
    review" banner on the page."""

    stale_is_error = c.Type(bool, default=False)
    """Report stale facts as MkDocs warnings, so that ``--strict`` turns them into a failed build."""


class AtlasPlugin(BasePlugin[AtlasConfig]):
    def __init__(self) -> None:
        self.site: Site | None = None
        self.generated: GeneratedFolder | None = None
        self.compiled = CompiledTemplates()
        self._kb_inputs: tuple = ()
        self._templates: tuple = ()
        self._warnings: list = []
        self._kb: KnowledgeBase | None = None
        self._titles: dict[str, str] = {}

    # Why: defining on_startup makes MkDocs keep this instance across the rebuilds of `mkdocs
    # serve`; with --dirty, generated pages become files that change only when their text does.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.generated = GeneratedFolder() if command == "serve" and dirty else None

    @property
    def data_dir(self) -> Path:
        return Path(self.config.data_dir)

    # Why: every page links the feeds (overrides/main.html); their paths live in site.urls.
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config.extra["atlas_feeds"] = urls.FEEDS
        return config

    # Why: everything that can fail runs here, before MkDocs empties site_dir.
    def on_pre_build(self, config: MkDocsConfig) -> None:
        kb_inputs = (
            _snapshot(self.data_dir),
            build_date(),
            config.site_url,
            self.config.review_days,
            self.config.stale_is_error,
        )
        templates = _snapshot(TEMPLATES)
        if self.site is None or (kb_inputs, templates) != (self._kb_inputs, self._templates):
            # Unchanged inputs (an edit to a hand-written page or the CSS under `mkdocs serve`)
            # keep the last site; a template edit renders again from the knowledge base already
            # read and checked; anything else reads, checks and renders everything again.
            reuse_kb = self.site is not None and kb_inputs == self._kb_inputs
            self.site, self._kb_inputs, self._templates = None, kb_inputs, templates
            self.site, self._warnings = self._load(config, reuse_kb=reuse_kb)
        for w in self._warnings:
            (log.warning if self.config.stale_is_error else stale_log.warning)(str(w))
        if not config.nav:
            config.nav = self.site.nav

    def _load(self, config: MkDocsConfig, *, reuse_kb: bool = False) -> tuple[Site, list]:
        try:
            if not (reuse_kb and self._kb is not None):
                self._kb = None
                self._kb, self._warnings = load_kb(self.data_dir, review_days=self.config.review_days)
            kb = self._kb
            settings = Settings(today=kb.on, review_days=self.config.review_days, site_url=config.site_url or "")
            return build_site(kb, settings), self._warnings
        except KnowledgeBaseError as exc:
            raise PluginError(
                f"the knowledge base has {len(exc.errors)} error(s):\n" + "\n".join(map(str, exc.errors))
            ) from None

    # Why: MkDocs compiles the theme's templates anew for every build; under `mkdocs serve` this
    # instance lives on, so the compiled code is reused.
    def on_env(self, env, config: MkDocsConfig, files: Files):
        env.bytecode_cache = self.compiled
        return env

    # Why: generated pages exist only in memory; their edit link opens the YAML behind them.
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.site is not None
        for f in files:
            if f.src_uri.endswith(".md"):
                f.edit_uri = f"{Path(config.docs_dir).name}/{f.src_uri}"
        in_nav = self.site.nav_sources() if config.nav == self.site.nav else None
        texts = {**self.site.pages, **self.site.assets}
        if self.generated:
            self.generated.update(texts)
        for src, content in texts.items():
            existing = files.get_file_from_path(src)
            if existing is not None:
                raise PluginError(f"docs/{src} clashes with a generated page; remove it or rename it")
            # Pages reached from other pages (pairs, redirects) are deliberately not in the nav.
            hidden = in_nav is not None and src.endswith(".md") and src not in in_nav
            inclusion = InclusionLevel.NOT_IN_NAV if hidden else InclusionLevel.UNDEFINED
            generated = (
                self.generated.file(src, config, inclusion=inclusion)
                if self.generated
                else File.generated(config, src, content=content, inclusion=inclusion)
            )
            generated.edit_uri = self.site.edit_paths.get(src)
            files.append(generated)
        if self.generated and self.generated.shared_changed(self.site.nav, self.site.abbreviations, headings(texts)):
            forget_built_pages(files)
        return files

    # Why: glossary abbreviations become tooltips on every page, hand-written ones included.
    def on_page_markdown(self, markdown: str, page, config: MkDocsConfig, files: Files) -> str:
        if self.site and self.site.abbreviations:
            return f"{markdown}\n\n{self.site.abbreviations}\n"
        return markdown

    # Why: a dirty build reads only the pages it renders, so the others would be named "None" in
    # the navigation and the footer of the pages it does render; they keep their last title.
    def on_nav(self, nav, config: MkDocsConfig, files: Files):
        if self.generated:
            for page in nav.pages:
                if not page.file.is_modified() and page.file.src_uri in self._titles:
                    page.title = self._titles[page.file.src_uri]
        return nav

    def on_page_context(self, context, page, config: MkDocsConfig, nav):
        self._titles[page.file.src_uri] = page.title
        return context

    # Why: links in raw HTML are written as source paths (site/urls.py); MkDocs does not resolve them.
    def on_page_content(self, html: str, page, config: MkDocsConfig, files: Files) -> str:
        return raw_links.on_page_content(html, page, config, files)

    # Why: editing a YAML file or a template must rebuild the page under `mkdocs serve`.
    def on_serve(self, server, config: MkDocsConfig, builder):
        watch_often(server, [self.data_dir, TEMPLATES])
        return server


def _snapshot(folder: Path) -> tuple:
    """Every file under ``folder`` with its size and modification time: equal means unedited."""
    return tuple(
        (str(p), st.st_size, st.st_mtime_ns) for p in sorted(folder.rglob("*")) if p.is_file() for st in [p.stat()]
    )
