"""Benchmark of the atlas build, written to bench/RESULTS.md. Run: `make bench`.

Measures, on copies of the project in a temporary folder (the work tree is never touched):
1. the full strict build of the real site, split into the generator's part (load, validate,
   render Markdown) and MkDocs' part; and the same site built by plain MkDocs from
   `aks-atlas render --out` (no plugin), with the ratio measured in the same run;
2. synthetic knowledge bases at 1x, 10x and 100x the real number of options, grown by adding
   layers of categories of the usual size (page count grows linearly): generator time, total
   build time, peak memory, growth factor; and one category grown to 50 options, where
   pairwise pages grow quadratically;
3. page weight per page type (HTML, CSS, JS transferred, in Chromium), the search index size,
   and the JavaScript a page without interactive tools loads beyond Material's bundle;
4. the time from saving a YAML file to the rebuilt page being served by `mkdocs serve`.

Each build runs in a fresh child process so that peak memory (max RSS) is per build.
Set BENCH_QUICK=1 to skip the 100x size (for a fast smoke run). `bench/run.py --report` writes
RESULTS.md again from the last run's results.json (after a change to the report's wording).
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
# Builds are dated the day the benchmark runs (facts checked today must not be "in the future").
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
RUNS = 3

CHILD = r"""
import json, logging, resource, sys, time, datetime as dt
# MkDocs reports a failed build through its logger only (its Abort is a silent SystemExit).
logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
from pathlib import Path
mode, config, site = sys.argv[1], sys.argv[2], sys.argv[3]
out = {}
if mode == "plugin":
    # The generator's part is timed inside the build: the plugin's load, check and render step.
    from generator.adapters.plugin import AtlasPlugin
    load = AtlasPlugin._load
    def timed(self, *args, **kwargs):
        t = time.perf_counter()
        site, warnings = load(self, *args, **kwargs)
        out["generator_s"] = out.get("generator_s", 0.0) + time.perf_counter() - t
        out["options"] = len(self._kb.options)
        return site, warnings
    AtlasPlugin._load = timed
from mkdocs.commands.build import build
from mkdocs.config import load_config
t = time.perf_counter()
cfg = load_config(config_file=config, site_dir=site, strict=True)
cfg.plugins.on_startup(command="build", dirty=False)
build(cfg)
out["total_s"] = time.perf_counter() - t
out["pages"] = sum(1 for _ in Path(site).rglob("*.html"))
out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def child(mode: str, config: Path, site: Path, data: Path | None = None, cache: Path | None = None) -> dict:
    """One build in a fresh process. ``cache``: the folder of kept Graphviz layouts (a new empty
    one when not given, so the build draws every picture, as a first build on a clean clone)."""
    args = [PY, "-c", CHILD, mode, str(config), str(site)] + ([str(data)] if data else [])
    cache = cache or Path(tempfile.mkdtemp(prefix="atlas-cold-cache-", dir=site.parent))
    env = {**ENV, "ATLAS_CACHE_DIR": str(cache)}
    proc = subprocess.run(args, capture_output=True, text=True, env=env, cwd=config.parent)
    if proc.returncode != 0:
        raise SystemExit(
            f"build failed ({mode}, {config}, exit {proc.returncode}):\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}"
        )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def project_copy(dest: Path, data: Path | None = None) -> Path:
    """A copy of the project's site sources; optionally with another data folder."""
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(data or ROOT / "data", dest / "data")
    return dest / "mkdocs.yml"


def median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


# --- 1. real site: plugin build vs plain build ---------------------------------------------


def _row(label: str, factor: int | None, results: list[dict], runs: int) -> dict:
    """One line of the scaling table: the medians of ``runs`` builds of one knowledge base."""
    medians = {key: median(results, key) for key in ("generator_s", "total_s", "peak_rss_mb")}
    return {
        "label": label,
        "factor": factor,
        "options": results[0]["options"],
        "pages": results[0]["pages"],
        **medians,
        "runs": runs,
    }


def bench_real(tmp: Path) -> dict:
    config = project_copy(tmp / "real")
    plugin_runs, plain_runs = [], []
    rendered = tmp / "real-plain"
    cli = [PY, "-m", "generator.adapters.cli", "--data", str(tmp / "real" / "data")]
    done = subprocess.run(
        [*cli, "render", "--out", str(rendered), "--config", str(config)],
        env=ENV,
        capture_output=True,
        text=True,
        cwd=tmp / "real",
    )
    if done.returncode != 0:
        raise SystemExit(f"render failed (exit {done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    zensical_runs, cold_runs = [], []
    warm = tmp / "warm-cache"
    child("plugin", config, tmp / "site-prime", tmp / "real" / "data", cache=warm)
    for i in range(RUNS):  # interleaved so that machine noise hits all alike
        cold_runs.append(child("plugin", config, tmp / f"site-cold-{i}", tmp / "real" / "data"))
        plugin_runs.append(child("plugin", config, tmp / f"site-plugin-{i}", tmp / "real" / "data", cache=warm))
        plain_runs.append(child("plain", rendered / "mkdocs.yml", tmp / f"site-plain-{i}"))
        zensical_runs.append(zensical_build(rendered))
    gen, total, plain = (
        median(plugin_runs, "generator_s"),
        median(plugin_runs, "total_s"),
        median(plain_runs, "total_s"),
    )
    return {
        "pages": plugin_runs[0]["pages"],
        "options": plugin_runs[0]["options"],
        "generator_s": gen,
        "total_s": total,
        "mkdocs_s": total - gen,
        "plain_s": plain,
        "ratio": total / plain,
        "gen_share": gen / total,
        "cold_generator_s": median(cold_runs, "generator_s"),
        "cold_total_s": median(cold_runs, "total_s"),
        "peak_rss_mb": median(plugin_runs, "peak_rss_mb"),
        "zensical_s": statistics.median(zensical_runs),
        "plain_over_zensical": plain / statistics.median(zensical_runs),
        "runs": RUNS,
    }


def zensical_build(project: Path) -> float:
    """Seconds for Zensical to build the rendered project from scratch (its cache cleared)."""
    shutil.rmtree(project / "site", ignore_errors=True)
    zensical = str(Path(PY).with_name("zensical"))
    t = time.perf_counter()
    subprocess.run([zensical, "build", "--clean"], cwd=project, env=ENV, check=True, capture_output=True)
    return time.perf_counter() - t


# --- 2. synthetic knowledge bases -----------------------------------------------------------


def _no_alias_dumper():
    import yaml

    class NoAliases(yaml.SafeDumper):  # the atlas loader rejects aliases: write values out
        def ignore_aliases(self, data):
            return True

    return NoAliases


def _yaml11_words_as_text():
    """A safe loader that reads yes/no/on/off as words, as the atlas's loader does (`prefer: yes`)."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    bool_tag = "tag:yaml.org,2002:bool"
    Loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != bool_tag]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return Loader


def grow(src: Path, dest: Path, factor: int) -> None:
    """Copy the real KB and add (factor - 1) layers, each a copy of every real category."""
    import yaml

    NoAliasesDumper = _no_alias_dumper()  # noqa: N806
    shutil.copytree(src, dest)
    cats_text = (src / "categories.yaml").read_text()
    base = yaml.load(cats_text, Loader=_yaml11_words_as_text())
    extra = []
    for k in range(1, factor):
        cats = []
        for layer in base["layers"]:
            for cat in layer["categories"]:
                cats.append({**cat, "id": f"{cat['id']}-x{k}", "name": f"{cat['name']} ({k})"})
                for opt_file in (src / "options" / cat["id"]).glob("*.yaml"):
                    text = opt_file.read_text()
                    text = re.sub(r"^id: (.+)$", rf"id: \1-x{k}", text, count=1, flags=re.M)
                    text = re.sub(r"^category: (.+)$", rf"category: \1-x{k}", text, count=1, flags=re.M)
                    text = re.sub(r"^(  - to: )(.+)$", rf"\1\2-x{k}", text, flags=re.M)
                    text = re.sub(r"^(  superseded_by: )(.+)$", rf"\1\2-x{k}", text, flags=re.M)
                    text = re.sub(r"^aliases: .*$", "aliases: []", text, flags=re.M)
                    text = _rename_inputs(text, f"-x{k}")
                    out = dest / "options" / f"{cat['id']}-x{k}" / f"{opt_file.stem}-x{k}.yaml"
                    out.parent.mkdir(parents=True, exist_ok=True)
                    out.write_text(text)
        extra.append(
            {
                "id": f"scale-{k}",
                "name": f"Scale layer {k}",
                "summary": "Synthetic layer for the benchmark.",
                "categories": cats,
            }
        )
    base["layers"].extend(extra)
    order = list(base.get("command_order", []))
    base["command_order"] = order + [f"{c}-x{k}" for k in range(1, factor) for c in order]
    (dest / "categories.yaml").write_text(yaml.dump(base, Dumper=NoAliasesDumper, sort_keys=False, allow_unicode=True))
    originals = [p.stem for p in (src / "options").rglob("*.yaml")]
    _copy_diagrams(dest, {o: [f"{o}-x{k}" for k in range(1, factor)] for o in originals})
    presets_file = dest / "presets.yaml"
    if presets_file.exists():  # presets choose one option per category: cover the copies too
        presets = yaml.safe_load(presets_file.read_text())
        for preset in presets["presets"]:
            real = dict(preset["choices"])
            for k in range(1, factor):
                preset["choices"].update({f"{c}-x{k}": f"{o}-x{k}" for c, o in real.items()})
        presets_file.write_text(yaml.dump(presets, Dumper=NoAliasesDumper, sort_keys=False, allow_unicode=True))


def widen(src: Path, dest: Path, category: str, total: int) -> None:
    """Copy the real KB and grow one category to `total` options (copies of its first option)."""
    shutil.copytree(src, dest)
    folder = dest / "options" / category
    files = sorted(folder.glob("*.yaml"))
    template = files[0].read_text()
    for i in range(total - len(files)):
        text = re.sub(r"^id: (.+)$", rf"id: \1-w{i}", template, count=1, flags=re.M)
        text = re.sub(r"^name: (.+)$", rf"name: \1 W{i}", text, count=1, flags=re.M)
        text = re.sub(r"^migrations:\n(  .*\n|    .*\n)*", "migrations: []\n", text, flags=re.M)
        text = re.sub(r"^aliases: .*$", "aliases: []", text, flags=re.M)
        text = _rename_inputs(text, f"-w{i}")
        (folder / f"{files[0].stem}-w{i}.yaml").write_text(text)
    _copy_diagrams(dest, {files[0].stem: [f"{files[0].stem}-w{i}" for i in range(total - len(files))]})


def _rename_inputs(text: str, suffix: str) -> str:
    """A copy's designer inputs get ids of their own (input ids are keys of the design's address,
    unique across the knowledge base)."""
    block = re.search(r"^inputs:\n(?:(?:  .*)?\n)*", text, flags=re.M)
    if block is None:
        return text
    renamed = re.sub(r"^(  - id: )(.+)$", rf"\1\2{suffix}", block.group(0), flags=re.M)
    return text[: block.start()] + renamed + text[block.end() :]


def _copy_diagrams(dest: Path, copies: dict[str, list[str]]) -> None:
    """Every option needs a diagram: each copy draws its original's."""
    import yaml

    path = dest / "diagrams.yaml"
    if not path.exists():
        return
    diagrams = yaml.load(path.read_text(), Loader=_yaml11_words_as_text())
    for original, names in copies.items():
        diagrams["options"].update({name: diagrams["options"][original] for name in names})
    path.write_text(yaml.dump(diagrams, Dumper=_no_alias_dumper(), sort_keys=False, allow_unicode=True))


def bench_scale(tmp: Path) -> list[dict]:
    rows = []
    factors = [1, 10] if os.environ.get("BENCH_QUICK") else [1, 10, 100]
    for factor in factors:
        data = tmp / f"data-{factor}x"
        grow(ROOT / "data", data, factor)
        config = project_copy(tmp / f"scale-{factor}", data)
        runs = RUNS if factor < 100 else 1
        results = [
            child("plugin", config, tmp / f"site-{factor}x-{i}", tmp / f"scale-{factor}" / "data") for i in range(runs)
        ]
        rows.append(_row(f"{factor}x", factor, results, runs))
        shutil.rmtree(tmp / f"site-{factor}x-0", ignore_errors=True)
    data = tmp / "data-wide"
    widen(ROOT / "data", data, "egress", 50)
    config = project_copy(tmp / "wide", data)
    results = [child("plugin", config, tmp / f"site-wide-{i}", tmp / "wide" / "data") for i in range(RUNS)]
    rows.append(_row("egress at 50 options", None, results, RUNS))
    return rows


# --- 3. page weight -----------------------------------------------------------------------

PAGE_TYPES = {
    "home": "/",
    "layer": "/node/",
    "category": "/node/egress/",
    "option": "/options/azure-cni-overlay/",
    "pair": "/compare/azure-cni-overlay-vs-kubenet/",
    "compare": "/compare/",
    "matrix": "/compatibility/",
    "decision tree": "/decide/egress/",
    "designer": "/design/",
    "glossary": "/glossary/",
}


def serve_dir(folder: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen(
        [PY, "-m", "http.server", str(port), "--bind", "127.0.0.1", "-d", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_http(f"http://127.0.0.1:{port}/")
    return proc, f"http://127.0.0.1:{port}"


def bench_weight(site: Path) -> dict:
    from playwright.sync_api import sync_playwright

    proc, base = serve_dir(site)
    rows = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            for kind, path in PAGE_TYPES.items():
                if not (site / path.strip("/") / "index.html").exists():
                    continue
                page = browser.new_page()
                sizes: dict[str, int] = {"html": 0, "css": 0, "js": 0, "json": 0, "other": 0}
                scripts: list[tuple[str, int]] = []

                def on_response(resp, sizes=sizes, scripts=scripts):
                    try:
                        body = resp.body()
                    except Exception:
                        return
                    url = resp.url.split("?")[0]
                    kind_ = (
                        "html"
                        if url.endswith("/") or url.endswith(".html")
                        else "css"
                        if url.endswith(".css")
                        else "js"
                        if url.endswith(".js")
                        else "json"
                        if url.endswith(".json")
                        else "other"
                    )
                    sizes[kind_] += len(body)
                    if kind_ == "js":
                        scripts.append((url.replace(base, ""), len(body)))

                page.on("response", on_response)
                page.goto(base + path, wait_until="networkidle")
                page.wait_for_timeout(300)
                material = sum(n for u, n in scripts if "/assets/javascripts/" in u)
                own = sum(n for u, n in scripts if "/assets/javascripts/" not in u)
                rows.append(
                    {
                        "type": kind,
                        "path": path,
                        **sizes,
                        "material_js": material,
                        "own_js": own,
                        "own_scripts": sorted(u for u, _ in scripts if "/assets/javascripts/" not in u),
                    }
                )
                page.close()
            browser.close()
    finally:
        proc.terminate()
    index = site / "search" / "search_index.json"
    return {"pages": rows, "search_index_bytes": index.stat().st_size if index.exists() else 0}


# --- 4. save-to-served latency --------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, timeout: float = 120) -> None:
    end = time.time() + timeout
    while time.time() < end:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except Exception:
            time.sleep(0.1)
    raise SystemExit(f"{url} did not answer in {timeout}s")


def bench_serve(tmp: Path) -> dict:
    """Save to served under `make serve`: an option's YAML, then a page template."""
    config = project_copy(tmp / "serve")
    port = free_port()
    proc = subprocess.Popen(
        # The flags of `make serve`.
        [PY, "-m", "mkdocs", "serve", "--livereload", "--dirty", "--no-strict", "-f", str(config)]
        + ["-a", f"127.0.0.1:{port}"],
        cwd=tmp / "serve",
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/options/azure-cni-overlay/"
    option = tmp / "serve" / "data" / "options" / "pod-networking" / "azure-cni-overlay.yaml"
    # The plugin reads templates from the installed package, so this edits the project's own file
    # and puts it back afterwards.
    template = ROOT / "generator" / "site" / "templates" / "option.md.j2"
    try:
        wait_http(url)
        data = _save_to_served(option, lambda text, m: text.replace("keywords: [", f"keywords: [{m}, ", 1), url)
        page = _save_to_served(template, lambda text, m: text + f"\n<!-- {m} -->\n", url)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    return {
        "samples_s": data,
        "median_s": statistics.median(data),
        "template_samples_s": page,
        "template_median_s": statistics.median(page),
    }


def _save_to_served(path: Path, edit, url: str) -> list[float]:
    """Seconds from writing ``edit(text, marker)`` to ``path`` until ``url`` shows the marker."""
    original = path.read_text()
    samples = []
    try:
        for i in range(RUNS):
            marker = f"Benchmark marker {i} {time.time_ns()}"
            path.write_text(edit(original, marker))
            start = time.perf_counter()
            while True:
                try:
                    if marker in urllib.request.urlopen(url, timeout=30).read().decode():
                        break
                except Exception:
                    pass
                if time.perf_counter() - start > 120:
                    raise SystemExit(f"mkdocs serve did not pick up the change to {path.name} in 120 s")
                time.sleep(0.05)
            samples.append(time.perf_counter() - start)
            time.sleep(1.0)
    finally:
        path.write_text(original)
    return samples


# --- report ---------------------------------------------------------------------------------


def versions() -> dict:
    from importlib.metadata import version

    chromium = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True).stdout.strip()
    return {
        "python": platform.python_version(),
        "mkdocs": version("mkdocs"),
        "mkdocs-material": version("mkdocs-material"),
        "pydantic": version("pydantic"),
        "jinja2": version("jinja2"),
        "chromium": chromium,
    }


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem = next(
        (line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), "0"
    )
    return (
        f"{os.cpu_count()} cores ({cpu}), {int(mem) // 1024 // 1024} GiB RAM, {platform.system()} {platform.release()}"
    )


def kb_size(n: int) -> str:
    return f"{n / 1024:.1f} KiB"


def report(real: dict, scale: list[dict], weight: dict, serve: dict) -> str:
    v = versions()
    lines = [
        "# Benchmark results",
        "",
        f"Written by `bench/run.py` on {time.strftime('%Y-%m-%d')}. Machine: {machine()}.",
        "Versions: " + ", ".join(f"{k} {val}" for k, val in v.items()) + ".",
        f"Times are medians of {RUNS} runs unless a row says otherwise; each build ran in a fresh process.",
        "",
        "## 1. The real site",
        "",
        "| measure | value |",
        "|---|---|",
        f"| options / HTML pages | {real['options']} / {real['pages']} |",
        f"| full strict build (plugin; Graphviz layouts kept from an earlier build) | {real['total_s']:.2f} s |",
        f"| generator's part (load, validate, render Markdown) | {real['generator_s']:.3f} s ({real['gen_share']:.1%} "
        "of the build) |",
        f"| first build, no Graphviz layouts kept (clean clone): generator / total | {real['cold_generator_s']:.3f} s "
        f"/ {real['cold_total_s']:.2f} s ({real['cold_generator_s'] / real['cold_total_s']:.1%}) |",
        f"| MkDocs' part (the rest) | {real['mkdocs_s']:.2f} s |",
        f"| plain MkDocs build of `aks-atlas render --out` (no plugin) | {real['plain_s']:.2f} s |",
        f"| plugin build / plain build | {real['ratio']:.3f} |",
        f"| peak memory of one build | {real['peak_rss_mb']:.0f} MiB |",
        f"| Zensical build of the same rendered project | {real['zensical_s']:.2f} s |",
        f"| plain MkDocs build / Zensical build | {real['plain_over_zensical']:.2f} |",
        "",
        f"Targets: generator part at most 5% of the build: **{'met' if real['gen_share'] <= 0.05 else 'missed'}**; "
        f"plugin build within 10% of the plain build: **{'met' if real['ratio'] <= 1.10 else 'missed'}**.",
        "",
        "## 2. Growth",
        "",
        "Synthetic knowledge bases: the real one plus copies of all its categories in extra layers (1x = real). "
        "Every build here is a first build: Graphviz draws every picture (no layouts kept).",
        "",
        "| KB | options | HTML pages | generator | total build | generator share | peak memory | runs |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in scale:
        lines.append(
            f"| {r['label']} | {r['options']} | {r['pages']} | {r['generator_s']:.2f} s | {r['total_s']:.1f} s | "
            f"{r['generator_s'] / r['total_s']:.1%} | {r['peak_rss_mb']:.0f} MiB | {r['runs']} |"
        )
    base = next(r for r in scale if r["factor"] == 1)
    lines += [
        "",
        "| growth vs 1x | options | pages | generator time | total time | peak memory | time per page | "
        "memory per page |",
        "|---|---|---|---|---|---|---|---|",
    ]
    grown = [r for r in scale if r["factor"] and r["factor"] > 1]
    for r in grown:
        pages = r["pages"] / base["pages"]
        lines.append(
            f"| {r['label']} | {r['options'] / base['options']:.1f}x | {pages:.1f}x | "
            f"{r['generator_s'] / base['generator_s']:.1f}x | {r['total_s'] / base['total_s']:.1f}x | "
            f"{r['peak_rss_mb'] / base['peak_rss_mb']:.1f}x | {r['total_s'] / base['total_s'] / pages:.2f}x | "
            f"{r['peak_rss_mb'] / base['peak_rss_mb'] / pages:.2f}x |"
        )
    linear = all(
        r["total_s"] / base["total_s"] <= 1.3 * r["pages"] / base["pages"]
        and r["peak_rss_mb"] / base["peak_rss_mb"] <= 1.3 * r["pages"] / base["pages"]
        for r in grown
    )
    share = max(r["generator_s"] / r["total_s"] for r in scale)
    lines += [
        "",
        "Time and memory per page relative to 1x (1.00 is linear growth). "
        f"Targets: within 1.3x of linear at every size: **{'met' if linear else 'missed'}**; "
        f"generator at most 5% of the build at every size (largest share {share:.1%}): "
        f"**{'met' if share <= 0.05 else 'missed'}**.",
    ]
    lines += [
        "",
        "## 3. Page weight (bytes transferred in Chromium, uncompressed)",
        "",
        "| page type | HTML | CSS | JS (Material) | JS (atlas) | JSON | atlas scripts |",
        "|---|---|---|---|---|---|---|",
    ]
    for p in weight["pages"]:
        lines.append(
            f"| {p['type']} | {kb_size(p['html'])} | {kb_size(p['css'])} | {kb_size(p['material_js'])} | "
            f"{kb_size(p['own_js'])} | {kb_size(p['json'])} | "
            f"{', '.join(s.rsplit('/', 1)[-1] for s in p['own_scripts'])} |"
        )
    plain_pages = [p for p in weight["pages"] if p["type"] in ("home", "layer", "option", "glossary")]
    worst = max(p["own_js"] for p in plain_pages) if plain_pages else 0
    lines += [
        "",
        f"Search index: {kb_size(weight['search_index_bytes'])}.",
        f"JavaScript beyond Material's bundle on pages without interactive tools: at most {kb_size(worst)} "
        f"(target 30 KB: **{'met' if worst <= 30 * 1024 else 'missed'}**).",
        "",
        "## 4. Save to served",
        "",
        f"Editing an option's YAML under `make serve` (`mkdocs serve --livereload --dirty`) until the rebuilt page "
        "is served: "
        f"median {serve['median_s']:.2f} s (samples: {', '.join(f'{s:.2f}' for s in serve['samples_s'])} s); "
        f"target 1 s: **{'met' if serve['median_s'] <= 1 else 'missed'}**.",
        "",
        f"Editing a page template (`option.md.j2`) the same way: median {serve['template_median_s']:.2f} s "
        f"(samples: {', '.join(f'{s:.2f}' for s in serve['template_samples_s'])} s); "
        f"target 2 s: **{'met' if serve['template_median_s'] <= 2 else 'missed'}**.",
        "",
    ]
    return "\n".join(lines)


def write(data: dict) -> str:
    """RESULTS.md from the measurements, keeping the hand-written analysis after its marker."""
    text = report(data["real"], data["scale"], data["weight"], data["serve"])
    out = Path(__file__).with_name("RESULTS.md")
    existing = out.read_text() if out.exists() else ""
    analysis = (
        existing.split("<!-- analysis -->", 1)[1]
        if "<!-- analysis -->" in existing
        else "\n## What the numbers say\n\n(written by hand after a run)\n"
    )
    out.write_text(text + "\n<!-- analysis -->" + analysis)
    return text


def main() -> None:
    if sys.argv[1:] == ["--report"]:  # the report again from the last run's results.json
        print(write(json.loads(Path(__file__).with_name("results.json").read_text())))
        return
    with tempfile.TemporaryDirectory(prefix="atlas-bench-") as t:
        tmp = Path(t)
        print("real site ...", flush=True)
        real = bench_real(tmp)
        print("page weight ...", flush=True)
        weight = bench_weight(tmp / "site-plugin-0")
        print("mkdocs serve ...", flush=True)
        serve = bench_serve(tmp)
        print("growth ...", flush=True)
        scale = bench_scale(tmp)
        data = {"real": real, "scale": scale, "weight": weight, "serve": serve}
    Path(__file__).with_name("results.json").write_text(json.dumps(data, indent=1, default=str) + "\n")
    print(write(data))


if __name__ == "__main__":
    main()
