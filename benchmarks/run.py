"""Measure what the plugin adds to a plain MkDocs build, as ratios measured in the same run.

For each size N the runner writes a synthetic site (``generate.py``), then alternates a plain
``mkdocs build`` with the same build with the plugin on, and ``mkdocs-specs check`` with its
floor (reading every file and parsing its front matter with PyYAML's C loader), in blocks of
base, measured, measured, base, so that a machine whose speed drifts weighs on both alike. It
reports medians, peak memory (RSS) of each process and the cost per document; then it times
``mkdocs serve`` and ``mkdocs serve --dirty`` from saving one document to the end of the
rebuild, and checks that the served indexes show the edit.

    python benchmarks/run.py                      # N = 1,000, 5,000 and 10,000
    python benchmarks/run.py --sizes 200 --repeats 1 --serve-size 0   # the CI smoke run

Nothing here asserts a time: the figures are for people, on whatever machine runs them.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

FLOOR = """
import sys, pathlib, yaml
loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
for path in pathlib.Path(sys.argv[1]).rglob("*.md"):
    text = path.read_bytes().decode("utf-8")
    if text.startswith("---\\n"):
        end = text.find("\\n---", 4)
        yaml.load(text[4:end], Loader=loader)
"""
"""The least any checker must do: read every file and parse its front matter."""
CHECK = "from mkdocs_specs.cli import main; main()"
"""``mkdocs-specs`` as its console script starts it, from this Python."""


@dataclass
class Run:
    seconds: float
    """Wall time."""
    rss_mb: float
    cpu: float
    """User and system time of the process: what a busy machine disturbs least."""


@dataclass
class Pair:
    """Runs of a baseline command and the measured one, in blocks of four: base, measured,
    measured, base (two of each per block; a pair measured once holds one of each)."""

    base: list[Run] = field(default_factory=list)
    measured: list[Run] = field(default_factory=list)

    def _ratios(self, value: Callable[[Run], float]) -> list[float]:
        """Each block's measured runs over its base runs. A machine whose speed drifts steadily
        through the run (these slow down as a run goes on) weighs on both alike: in the block
        the base runs come first and last, the measured ones in the middle."""
        return [
            sum(map(value, self.measured[i : i + 2])) / sum(map(value, self.base[i : i + 2]))
            for i in range(0, len(self.base), 2)
        ]

    @property
    def ratio(self) -> float:
        """Median of the blocks' ratios of wall time."""
        return statistics.median(self._ratios(lambda run: run.seconds))

    @property
    def cpu_ratio(self) -> float:
        """The same as :attr:`ratio` for CPU time."""
        return statistics.median(self._ratios(lambda run: run.cpu))

    @property
    def rss_ratio(self) -> float:
        return _median(r.rss_mb for r in self.measured) / _median(r.rss_mb for r in self.base)


def _median(values: Iterable[float]) -> float:
    return float(statistics.median(list(values)))


def timed(command: Sequence[str], cwd: Path) -> Run:
    """Run ``command`` to its end: wall time and the peak RSS of its process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):  # check exits 1 when it finds errors
        raise SystemExit(f"{' '.join(command)} failed:\n{errors.decode(errors='replace')}")
    return Run(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


def alternate(base: Sequence[str], measured: Sequence[str], cwd: Path, repeats: int) -> Pair:
    """One untimed run of each to warm the caches, then ``repeats`` blocks of base, measured,
    measured, base."""
    timed(base, cwd)
    timed(measured, cwd)
    pair = Pair()
    for _ in range(repeats):
        pair.base.append(timed(base, cwd))
        pair.measured += [timed(measured, cwd), timed(measured, cwd)]
        pair.base.append(timed(base, cwd))
    return pair


def mkdocs(config: str, site: str) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", site]


@dataclass
class SizeResult:
    documents: int
    build_out: Pair
    check: Pair
    """``mkdocs-specs check --no-cache``: every document read."""
    check_unchanged: Pair
    """``mkdocs-specs check`` again, nothing changed: every document taken from its cache."""
    build_in: Pair | None = None


def measure_size(root: Path, documents: int, repeats: int, theme: str, nav_in: bool) -> SizeResult:
    generate(root, documents, theme=theme)
    print(f"N={documents}: builds", flush=True)
    build_out = alternate(
        mkdocs("plain-out.yml", "site-plain"), mkdocs("specs-out.yml", "site-specs"), root, repeats
    )
    build_in = None
    if nav_in:
        print(f"N={documents}: builds with every document in the nav", flush=True)
        # Slow (every page lists every page): one run of each, after the warm runs above.
        build_in = Pair(
            [timed(mkdocs("plain-in.yml", "site-plain"), root)],
            [timed(mkdocs("specs-in.yml", "site-specs"), root)],
        )
    print(f"N={documents}: check", flush=True)
    # check's cache goes with the site, not into the user's cache folder.
    os.environ["MKDOCS_SPECS_CACHE_DIR"] = str(root / "check-cache")
    floor = [sys.executable, "-c", FLOOR, "docs"]
    check = [sys.executable, "-c", CHECK, "check", "-f", "specs-out.yml"]
    cold = alternate(floor, [*check, "--no-cache"], root, repeats)
    unchanged = alternate(floor, check, root, repeats)  # its untimed run fills the cache
    return SizeResult(documents, build_out, cold, unchanged, build_in)


# --- mkdocs serve --------------------------------------------------------------------------

_BUILT = re.compile(r"Documentation built in")
_SERVING = re.compile(r"Serving on http")
"""MkDocs logs it once it watches the files: a save before it would go unseen."""


class Server:
    """A real ``mkdocs serve`` on a free port of 127.0.0.1, whose log is followed."""

    def __init__(self, root: Path, config: str, dirty: bool) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        command = [sys.executable, "-m", "mkdocs", "serve", "-f", config]
        command += ["-a", f"127.0.0.1:{self.port}"] + (["--dirty"] if dirty else [])
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        self.process = subprocess.Popen(
            command, cwd=root, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL
        )
        self.builds: list[float] = []
        self.serving = self.ended = False
        self.last_lines: list[str] = []
        self.lock = threading.Condition()
        threading.Thread(target=self._follow, daemon=True).start()

    def _follow(self) -> None:
        assert self.process.stderr is not None
        for raw in self.process.stderr:
            line = raw.decode(errors="replace")
            with self.lock:
                self.last_lines = [*self.last_lines[-19:], line]
                if _BUILT.search(line):
                    self.builds.append(time.perf_counter())
                self.serving = self.serving or bool(_SERVING.search(line))
                self.lock.notify_all()
        with self.lock:
            self.ended = True
            self.lock.notify_all()

    def wait_build(self, count: int, timeout: float = 600, missing_ok: bool = False) -> float:
        """The time at which the ``count``-th build ended, once the server watches the files;
        with ``missing_ok``, ``nan`` when it has not ended after ``timeout`` seconds."""
        with self.lock:
            done = self.lock.wait_for(
                lambda: self.ended or (self.serving and len(self.builds) >= count), timeout
            )
            if not done and missing_ok and not self.ended:
                return math.nan
            if not done or len(self.builds) < count:
                why = "stopped" if self.ended else "did not finish a build in time"
                raise SystemExit(f"mkdocs serve {why}:\n" + "".join(self.last_lines))
            return self.builds[count - 1]

    def get(self, path: str) -> str:
        url = f"http://127.0.0.1:{self.port}/{path}"
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode())

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


_SAVES = 3
"""Saves of one edit before giving up: MkDocs' file watcher misses one now and then."""


def _next_status(path: Path, statuses: Sequence[str]) -> str:
    """Write the first of ``statuses`` that the document does not have yet: a save that
    changes nothing may start no rebuild."""
    text = path.read_text(encoding="utf-8")
    current = re.search(r"(?m)^status: (.*)$", text)
    status = next(s for s in statuses if current is None or s != current.group(1).strip())
    path.write_text(re.sub(r"(?m)^status: .*$", f"status: {status}", text, count=1), "utf-8")
    return status


def measure_serve(root: Path, edits: int) -> dict[str, float | bool]:
    """Seconds from saving one document to the end of the rebuild, plugin off and on, with and
    without ``--dirty``; and whether the served indexes showed every edit."""
    document = root / "docs" / "design" / "des-1.md"
    results: dict[str, float | bool] = {}
    statuses = ("In Review", "Approved")
    for dirty in (False, True):
        for config in ("plain-out.yml", "specs-out.yml"):
            server = Server(root, config, dirty)
            try:
                server.wait_build(1)
                times = []
                for edit in range(edits):
                    for attempt in range(_SAVES):
                        time.sleep(1.0)  # a save, not a burst of them
                        saved = time.perf_counter()
                        status = _next_status(document, statuses)
                        last = attempt == _SAVES - 1
                        built = server.wait_build(edit + 2, 600 if last else 120, not last)
                        if not math.isnan(built):
                            break
                    times.append(built - saved)
                    if config.startswith("specs"):
                        results[f"correct{'-dirty' if dirty else ''}"] = results.get(
                            f"correct{'-dirty' if dirty else ''}", True
                        ) and _indexes_show(server, "design/des-1.md", status)
            finally:
                server.stop()
            name = f"{'dirty' if dirty else 'serve'}-{config.split('-')[0]}"
            results[name] = statistics.median(times)
            print(f"serve {name}: {results[name]:.2f} s", flush=True)
    return results


def _indexes_show(server: Server, path: str, status: str) -> bool:
    """True when specs.json, the home page and both status pages show ``path`` as ``status``."""
    records = json.loads(server.get("specs.json"))["documents"]
    record = next(r for r in records if r["path"] == path)
    if record["status"] != status:
        return False
    slug = {"In Review": "in-review", "Approved": "approved"}
    link = "design/des-1/"
    shown = server.get(f"specs-index/status/{slug[status]}/")
    other = server.get(f"specs-index/status/{slug[({*slug} - {status}).pop()]}/")
    return link in shown and link not in other and link in server.get("specs-index/")


# --- report --------------------------------------------------------------------------------


def versions() -> dict[str, str]:
    from importlib.metadata import version

    names = ("mkdocs", "mkdocs-specs", "markdown", "pymdown-extensions", "jinja2", "pyyaml")
    found = {name: version(name) for name in names}
    cpu = ""
    try:
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        cpu = platform.processor()
    return {
        "python": platform.python_version(),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {cpu}",
        **found,
    }


def table(results: list[SizeResult], serve: dict[str, float | bool] | None, serve_size: int) -> str:
    """The figures as Markdown: one row per size, the nav, the live preview, the targets."""
    rows = [
        "| N | plain build | with plugin | **ratio** | CPU ratio | RSS plain | RSS plugin "
        "| **RSS ratio** | ms/doc | check floor | check | **check / floor** "
        "| check, unchanged | **unchanged / floor** |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        b, c, u = r.build_out, r.check, r.check_unchanged
        plain = _median(x.seconds for x in b.base)
        plugin = _median(x.seconds for x in b.measured)
        rows.append(
            f"| {r.documents:,} | {plain:.2f} s | {plugin:.2f} s | **{b.ratio:.3f}** "
            f"| {b.cpu_ratio:.3f} | {_median(x.rss_mb for x in b.base):.0f} MB "
            f"| {_median(x.rss_mb for x in b.measured):.0f} MB | **{b.rss_ratio:.3f}** "
            f"| {plugin / r.documents * 1000:.2f} "
            f"| {_median(x.seconds for x in c.base):.2f} s "
            f"| {_median(x.seconds for x in c.measured):.2f} s | **{c.ratio:.2f}** "
            f"| {_median(x.seconds for x in u.measured):.2f} s | **{u.ratio:.2f}** |"
        )
    lines = ["\n".join(rows)]
    for r in results:
        if r.build_in is not None:
            lines.append(
                f"Every document in MkDocs' automatic nav, N={r.documents:,}: plain "
                f"{r.build_in.base[0].seconds:.1f} s, with the plugin "
                f"{r.build_in.measured[0].seconds:.1f} s; with the documents out of the nav "
                f"(`not_in_nav` for the plain build, `documents_in_nav: false` for the "
                f"plugin): {_median(x.seconds for x in r.build_out.base):.1f} s and "
                f"{_median(x.seconds for x in r.build_out.measured):.1f} s."
            )
    targets: list[tuple[str, str, float, float]] = []
    for r in results:
        if r.documents >= 5000:
            targets.append((f"build, N={r.documents:,}", "≤ 1.10", r.build_out.ratio, 1.10))
    if results:
        most = max(r.build_out.rss_ratio for r in results)
        targets.append(("peak memory, every N (largest ratio)", "≤ 1.20", most, 1.20))
        largest = max(results, key=lambda r: r.documents)
        n = f"{largest.documents:,}"
        targets.append(
            (f"check / floor, N={n}, every document read", "≤ 3", largest.check.ratio, 3.0)
        )
        targets.append(
            (
                f"check / floor, N={n}, nothing changed since the last check",
                "≤ 3",
                largest.check_unchanged.ratio,
                3.0,
            )
        )
    if len(results) > 1:
        first, last = results[0], results[-1]
        cost = [_median(x.seconds for x in r.build_out.measured) / r.documents for r in results]
        targets.append(
            (
                f"ms/doc N={last.documents:,} / N={first.documents:,}",
                "≤ 1.20",
                cost[-1] / cost[0],
                1.20,
            )
        )
    if serve:
        lines.append(
            f"| {serve_size:,} documents, one saved | plain | with plugin | ratio "
            "| indexes right |\n|---|---|---|---|---|\n"
            f"| `mkdocs serve` | {serve['serve-plain']:.2f} s | {serve['serve-specs']:.2f} s "
            f"| {float(serve['serve-specs']) / float(serve['serve-plain']):.3f} "
            f"| {'yes' if serve.get('correct') else 'NO'} |\n"
            f"| `mkdocs serve --dirty` | {serve['dirty-plain']:.2f} s "
            f"| {serve['dirty-specs']:.2f} s "
            f"| **{float(serve['dirty-specs']) / float(serve['dirty-plain']):.3f}** "
            f"| {'yes' if serve.get('correct-dirty') else 'NO'} |"
        )
        dirty = float(serve["dirty-specs"]) / float(serve["dirty-plain"])
        targets.append(("serve --dirty, one edit", "≤ 2.0", dirty, 2.0))
    if targets:
        lines.append(
            "| target | wanted | measured | met |\n|---|---|---|---|\n"
            + "\n".join(
                f"| {name} | {wanted} | {value:.2f} | {'yes' if value <= bound else 'no'} |"
                for name, wanted, value, bound in targets
            )
        )
    return "\n\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument(
        "--repeats", type=int, default=3, help="blocks of base, measured, measured, base runs"
    )
    parser.add_argument("--theme", default="mkdocs")
    parser.add_argument(
        "--nav-size", type=int, default=1000, help="also build N with every document in the nav"
    )
    parser.add_argument("--serve-size", type=int, default=1000, help="0 to skip serve")
    parser.add_argument("--edits", type=int, default=3, help="saved edits per serve measure")
    parser.add_argument("--keep", type=Path, help="folder for the sites (default: temporary)")
    parser.add_argument("--json", type=Path, help="write every run's figures here")
    args = parser.parse_args()

    base = args.keep or Path(tempfile.mkdtemp(prefix="mkdocs-specs-bench-"))
    try:
        results = [
            measure_size(base / f"n{n}", n, args.repeats, args.theme, n == args.nav_size)
            for n in args.sizes
        ]
        serve = None
        if args.serve_size:
            root = base / f"serve{args.serve_size}"
            generate(root, args.serve_size, theme=args.theme)
            serve = measure_serve(root, args.edits)
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)
    info = versions()
    print("\n" + "\n".join(f"- {k}: {v}" for k, v in info.items()) + "\n")
    print(table(results, serve, args.serve_size))
    if args.json:
        args.json.write_text(
            json.dumps(
                {"versions": info, "sizes": [asdict(r) for r in results], "serve": serve}, indent=2
            )
        )
    if serve is not None and not (serve.get("correct") and serve.get("correct-dirty")):
        raise SystemExit("the served indexes did not show an edit")


if __name__ == "__main__":
    main()
