"""Search benchmark (issue 16), written into bench/RESULTS.md between its search markers.
Run: `make bench-search` (about five minutes; the rest of the benchmark is `make bench`).

For each state of the site (a git ref, or the work tree) it builds the site in a temporary folder
and measures, in Chromium, the query set of tests/search_queries.py typed into the header search:
first-result and top-three rates, index bytes (raw and gzip), and the bytes a page view and a
search cost. For the work tree it also indexes the same HTML with Pagefind (the `pagefind-bin`
wheel; skipped with a note when it is not installed), with the same page words fed in as weighted
text, and runs the same queries through Pagefind's JavaScript API, so that the two engines are
compared on one query set.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import ENV, PY, serve_dir  # noqa: E402
from tests.conftest import EPOCH  # noqa: E402
from tests.search_queries import QUERIES, relative, score, top_results  # noqa: E402

BEFORE = os.environ.get("SEARCH_BEFORE", "a5a9d90")  # main before issue 16's search work
EARLIER = os.environ.get("SEARCH_EARLIER", "c2471f1")  # boosts and keyword tags, 10 queries
START, END = "<!-- search -->", "<!-- /search -->"


def build(ref: str | None, tmp: Path) -> Path:
    """The site built from a git ref (its own generator and data) or from the work tree."""
    src = tmp / f"src-{ref or 'work'}"
    if ref:
        src.mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(src)], input=archive, check=True)
    else:
        shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".venv", ".git", "site*", "__pycache__"))
    site = tmp / f"site-{ref or 'work'}"
    env = {**ENV, "PYTHONPATH": str(src), "SOURCE_DATE_EPOCH": EPOCH}  # this tree's generator
    proc = subprocess.run(
        [PY, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=src, env=env, capture_output=True
    )
    if proc.returncode:
        raise SystemExit(f"build of {ref or 'work tree'} failed:\n{proc.stderr.decode()[-3000:]}")
    return site


@contextlib.contextmanager
def _visit(site: Path):
    """A Chromium page on the home page of ``site`` served locally, its base URL, and the bytes of
    every response since the last ``clear()`` of the dict it yields."""
    from playwright.sync_api import sync_playwright

    proc, base = serve_dir(site)
    fetched: dict[str, int] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.on("response", lambda r: fetched.__setitem__(r.url, len(r.body() or b"")) if r.ok else None)
            page.goto(base + "/", wait_until="networkidle")
            yield page, base, fetched
            browser.close()
    finally:
        proc.terminate()


def lunr_run(site: Path) -> dict:
    """Material's search: the query set in the header search, and what its index costs."""
    with _visit(site) as (page, base, fetched):
        # Material fetches its worker and the whole index on every page view, not on the first search.
        page.wait_for_function(
            "() => performance.getEntriesByType('resource').some((e) => e.name.includes('search_index.json'))"
        )
        page.wait_for_timeout(500)
        view = sum(n for u, n in fetched.items() if "search" in u)
        fetched.clear()
        results = {q: top_results(page, base + "/", q) for q, _ in QUERIES}
        per_search = sum(fetched.values()) / len(QUERIES)
    index = (site / "search" / "search_index.json").read_bytes()
    return {
        "results": results,
        **score(results),
        "index_bytes": len(index),
        "index_gzip": len(gzip.compress(index, 9)),
        "view_bytes": view,
        "search_bytes": per_search,
    }


def pagefind_copy(site: Path, dest: Path) -> Path:
    """The same site for Pagefind: pairwise pages left out as in the lunr index, each page's index
    tags added as weighted text (Pagefind's `data-pagefind-weight`), its article as the body."""
    shutil.copytree(site, dest)
    index = json.loads((site / "search" / "search_index.json").read_text())
    tags: dict[str, list[str]] = {}
    for doc in index["docs"]:
        tags.setdefault(doc["location"].split("#")[0], doc.get("tags") or [])
    for html in sorted(dest.rglob("index.html")):  # listed before pairwise folders are removed
        loc = html.parent.relative_to(dest).as_posix()
        loc = "" if loc == "." else loc + "/"
        if "-vs-" in loc:
            shutil.rmtree(html.parent)
            continue
        text = html.read_text()
        words = " ".join(tags.get(loc, []))
        extra = f'<p data-pagefind-weight="10" hidden>{words}</p>' if words else ""
        text = re.sub(
            r'(<article class="md-content__inner[^>]*)>', lambda m: m[1] + " data-pagefind-body>" + extra, text, count=1
        )
        html.write_text(text)
    proc = subprocess.run(
        [PY, "-m", "pagefind_bin", "--site", str(dest), "--output-subdir", "pagefind"], capture_output=True, text=True
    )
    if proc.returncode:
        raise SystemExit(f"pagefind failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return dest


PAGEFIND_QUERY = """async q => {
  window.pf = window.pf || await import('/pagefind/pagefind.js');
  await window.pf.init();
  const found = await window.pf.search(q);
  const data = await Promise.all(found.results.slice(0, 3).map(r => r.data()));
  return data.map(d => d.url);
}"""


def pagefind_run(site: Path) -> dict:
    with _visit(site) as (page, base, fetched):
        view = sum(n for u, n in fetched.items() if "pagefind" in u)
        fetched.clear()
        page.evaluate(PAGEFIND_QUERY, "overlay")
        first = sum(fetched.values())  # the engine, its wasm and the index entry: once per visit
        fetched.clear()
        results = {q: [relative(u, base + "/") for u in page.evaluate(PAGEFIND_QUERY, q)] for q, _ in QUERIES}
        per_search = sum(fetched.values()) / len(QUERIES)
    files = [f for f in (site / "pagefind").rglob("*") if f.is_file()]
    return {
        "results": results,
        **score(results),
        "index_bytes": sum(f.stat().st_size for f in files),
        "index_files": len(files),
        "view_bytes": view,
        "first_search_bytes": first,
        "search_bytes": per_search,
    }


def kib(n: float) -> str:
    return f"{n / 1024:.1f} KiB"


def report(rows: list[tuple[str, dict]]) -> str:
    lines = [
        START,
        "## 5. Search (issue 16)",
        "",
        f"Written by `bench/search.py` on {time.strftime('%Y-%m-%d')}: {len(QUERIES)} queries of "
        "tests/search_queries.py typed into each state's search in Chromium; a hit is a page of the query's "
        "expected set (the option, or the category or tool the query names).",
        "",
        "| state | engine | first result | top three | index (raw / gzip) | per page view | per search |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, r in rows:
        engine = "Pagefind 1.5.2" if "first_search_bytes" in r else "Material (lunr)"
        index = f"{kib(r['index_bytes'])} / {kib(r['index_gzip'])}" if "index_gzip" in r else kib(r["index_bytes"])
        per_search = kib(r["search_bytes"])
        if "first_search_bytes" in r:
            per_search += f" (first search of a visit: {kib(r['first_search_bytes'])})"
        lines.append(
            f"| {label} | {engine} | {r['first']:.1%} | {r['top3']:.1%} | {index} | {kib(r['view_bytes'])} | "
            f"{per_search} |"
        )
    misses = [
        f"- {label}: `{q}` gave {got[:3]}"
        for label, r in rows
        for q, got in r["results"].items()
        if not (got[:1] and got[0] in dict(QUERIES)[q])
    ]
    lines += ["", "First-result misses:", "", *(misses or ["- none"]), END]
    return "\n".join(lines)


def write(block: str) -> None:
    out = Path(__file__).with_name("RESULTS.md")
    text = out.read_text() if out.exists() else "# Benchmark results\n\n<!-- analysis -->\n"
    if START in text:
        text = text[: text.index(START)] + block + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    out.write_text(text)


def main() -> None:
    rows: list[tuple[str, dict]] = []
    with tempfile.TemporaryDirectory(prefix="atlas-search-") as t:
        tmp = Path(t)
        for label, ref in ((f"before issue 16 ({BEFORE})", BEFORE), (f"first pass ({EARLIER})", EARLIER)):
            print(label, "...", flush=True)
            rows.append((label, lunr_run(build(ref, tmp))))
        print("work tree ...", flush=True)
        site = build(None, tmp)
        rows.append(("this tree", lunr_run(site)))
        try:
            import pagefind_bin  # noqa: F401
        except ImportError:
            print("pagefind-bin is not installed: no Pagefind row", flush=True)
        else:
            print("pagefind ...", flush=True)
            rows.append(("this tree, same words", pagefind_run(pagefind_copy(site, tmp / "pagefind-site"))))
    block = report(rows)
    write(block)
    Path(__file__).with_name("search.json").write_text(json.dumps(rows, indent=1) + "\n")
    print(block)


if __name__ == "__main__":
    main()
