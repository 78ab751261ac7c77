"""Execute the chapter notebooks with papermill and compile the book from the executed copies.

- Executed notebooks land in ``<build>/executed``, outside the source tree.
- A notebook re-executes only when its source, its parameters, the package code or the data files
  it read last time change (a content hash, kept in ``<build>/cache``).
- Notebooks execute in parallel, one per core.
- The book is compiled into a temporary folder and swapped into ``<build>/html`` only when the
  whole build succeeded, so a failure never replaces a good book.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import nbformat

from karabakh import data, parameters, project
from karabakh.publishing import downloads, normalize, validation


class BuildError(RuntimeError):
    """A notebook or the book build failed; the message says which and where."""


@dataclass(frozen=True)
class Execution:
    chapter: str
    stem: str
    status: str  # "executed" or "cached"
    seconds: float


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _code_fingerprint() -> dict[str, str]:
    return {
        path.relative_to(project.ROOT).as_posix(): _sha256(path)
        for path in sorted(project.PACKAGE_DIR.rglob("*.py"))
    }


def cache_key(chapter: project.Chapter, values: dict, reads: list[str]) -> str:
    """The hash of everything an executed notebook depends on."""
    spec = parameters.spec(chapter.name)
    material = {
        "notebook": _sha256(chapter.path),
        "parameters": values,
        # A folder parameter is keyed on its files, so adding, removing or editing one re-executes.
        "folders": {
            name: parameters.folder_digest(values[name]) for name, item in spec.by_name.items() if item.kind == "path"
        },
        "package": _code_fingerprint(),
        "data": {read: _sha256(project.ROOT / read) if (project.ROOT / read).exists() else None for read in reads},
    }
    return hashlib.sha256(json.dumps(material, sort_keys=True).encode()).hexdigest()


def _paths(build: Path, chapter: project.Chapter) -> tuple[Path, Path]:
    return build / "executed" / f"{chapter.stem}.ipynb", build / "cache" / f"{chapter.stem}.json"


def is_fresh(build: Path, chapter: project.Chapter, values: dict) -> bool:
    output, manifest_path = _paths(build, chapter)
    if not (output.exists() and manifest_path.exists()):
        return False
    manifest = json.loads(manifest_path.read_text())
    return (
        manifest.get("key") == cache_key(chapter, values, manifest.get("reads", []))
        and manifest.get("output") == _sha256(output)
    )


def _ipc_kernel_manager(socket_dir: Path, kernel_log: Path):
    """A kernel manager whose kernel talks over Unix sockets in ``socket_dir``, not unencrypted TCP,
    and writes what it prints to ``kernel_log`` (named in the error if the kernel dies)."""
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    class IPCKernelManager(AsyncKernelManager):
        @default("transport")
        def _default_transport(self):
            return "ipc"

        @default("ip")
        def _default_ip(self):
            return str(socket_dir / "kernel")

        async def _async_launch_kernel(self, kernel_cmd, **kw):
            with kernel_log.open("ab") as log:
                kw["stdout"] = kw["stderr"] = log
                await super()._async_launch_kernel(kernel_cmd, **kw)

        async def _async_interrupt_kernel(self):
            # jupyter_client interrupts a kernel before asking it to shut down; ours are idle by
            # then, and the interrupt only makes the kernel print a KeyboardInterrupt error.
            if not self.shutting_down:
                await super()._async_interrupt_kernel()

    return IPCKernelManager


SOCKETS_PREFIX = "kb-"


def _ignore_interrupts() -> None:
    """Worker processes leave Ctrl-C to the parent, which stops them and cleans up."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def remove_leftovers(build: Path) -> list[Path]:
    """Remove what an interrupted build left: temporary book and scratch folders, dead kernels' sockets.

    Called with the build lock held, so nothing here belongs to a running build of this folder.
    """
    removed = []
    for pattern in ("html-*", "tmp*", "html.previous"):
        for path in build.glob(pattern):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path)
    for path in Path(tempfile.gettempdir()).glob(f"{SOCKETS_PREFIX}*-*"):
        pid = path.name[len(SOCKETS_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def build_lock(build: Path):
    """One build at a time per build folder: a second one is refused with a clear message."""
    build.mkdir(parents=True, exist_ok=True)
    path = build / ".lock"
    handle = path.open("a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "unknown"
        handle.close()
        raise BuildError(
            f"another build is running in {build} (process {holder}); wait for it to finish, "
            "or set KARABAKH_BUILD_DIR to build elsewhere"
        ) from None
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    try:
        remove_leftovers(build)
        yield
    except BaseException:
        remove_leftovers(build)  # an interrupted or failed build leaves nothing behind
        raise
    finally:
        handle.seek(0)
        handle.truncate()
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


def _execute_one(stem: str, values: dict, build: str) -> tuple[float, list[str]]:
    """Run in a worker process: papermill into a temporary file, normalised, then moved in place."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    chapter = next(c for c in project.chapters().values() if c.stem == stem)
    build_path = Path(build)
    output, _ = _paths(build_path, chapter)
    output.parent.mkdir(parents=True, exist_ok=True)
    # Sockets go to a short path in the system's temporary folder: Unix socket paths are capped at ~107 bytes.
    sockets_prefix = f"{SOCKETS_PREFIX}{os.getpid()}-"
    with tempfile.TemporaryDirectory(dir=build_path) as scratch, tempfile.TemporaryDirectory(prefix=sockets_prefix) as sockets:
        reads_log = Path(scratch) / "reads.txt"
        reads_log.touch()
        os.environ[data.READS_LOG_VARIABLE] = str(reads_log)
        # Connection files go beside the sockets, so an interrupted build leaves them in one place.
        os.environ["JUPYTER_RUNTIME_DIR"] = sockets
        kernel_log = build_path / "logs" / f"{stem}.kernel.log"
        kernel_log.parent.mkdir(parents=True, exist_ok=True)
        kernel_log.write_bytes(b"")
        # The kernel imports the package from the repository, whatever the caller's working folder.
        paths = os.environ.get("PYTHONPATH", "").split(os.pathsep)
        if str(project.ROOT) not in paths:
            os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(project.ROOT), *paths]))
        executed = Path(scratch) / output.name
        started = time.perf_counter()
        try:
            notebook = papermill.execute_notebook(
                str(chapter.path),
                str(executed),
                parameters=values,
                cwd=str(project.ROOT),
                kernel_name="python3",
                progress_bar=False,
                log_output=False,
                report_mode=False,
                kernel_manager_class=_ipc_kernel_manager(Path(sockets), kernel_log),
            )
        except PapermillExecutionError as error:
            failed = build_path / "failed" / output.name
            failed.parent.mkdir(parents=True, exist_ok=True)
            if executed.exists():
                shutil.copyfile(executed, failed)
            raise BuildError(
                f"notebook {stem} failed in cell {error.cell_index} "
                f"(execution count {error.exec_count}): {error.ename}: {error.evalue}"
            ) from None
        except Exception as error:  # the kernel died, or could not start
            raise BuildError(
                f"notebook {stem}: the kernel stopped ({type(error).__name__}: {error}); "
                f"what it printed is in {kernel_log}"
            ) from None
        seconds = time.perf_counter() - started
        normalize.write(notebook, executed)
        os.replace(executed, output)
        reads = sorted(set(reads_log.read_text().split()))
    return seconds, reads


def execute(
    overrides: dict[str, dict] | None = None, only: list[str] | None = None, jobs: int | None = None,
    build: Path | None = None,
) -> list[Execution]:
    """Execute the chapters (all, or ``only`` those named) that are not fresh; raise on failure."""
    overrides = overrides or {}
    build = build or project.build_dir()
    # Bad data never reaches a page: validate before executing anything (a pass is remembered by hash).
    validation.require_valid(build / "cache" / "data.json")
    chapters = [project.find_chapter(name) for name in only] if only else list(project.chapters().values())
    values = {c.name: parameters.spec(c.name).validate(overrides.get(c.name, {})) for c in chapters}
    results, todo = [], []
    for chapter in chapters:
        if is_fresh(build, chapter, values[chapter.name]):
            log(f"cached    {chapter.stem} (source, parameters and data unchanged)")
            results.append(Execution(chapter.name, chapter.stem, "cached", 0.0))
        else:
            todo.append(chapter)
    if not todo:
        return results
    workers = max(1, min(len(todo), jobs or os.cpu_count() or 1))
    log(f"executing {len(todo)} notebook(s) with {workers} worker(s)")
    failures = []
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_ignore_interrupts)
    try:
        futures = {pool.submit(_execute_one, c.stem, values[c.name], str(build)): c for c in todo}
        for future in as_completed(futures):
            chapter = futures[future]
            stem = chapter.stem
            try:
                seconds, reads = future.result()
            except BuildError as error:
                log(f"FAILED    {stem}: {error}")
                failures.append(str(error))
                continue
            output, manifest_path = _paths(build, chapter)
            manifest_path.parent.mkdir(parents=True, exist_ok=True)
            manifest = {
                "key": cache_key(chapter, values[chapter.name], reads),
                "reads": reads,
                "output": _sha256(output),
                "parameters": values[chapter.name],
            }
            manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
            log(f"executed  {stem} in {seconds:.1f} s")
            results.append(Execution(chapter.name, stem, "executed", seconds))
    except BaseException:
        # Ctrl-C or a failure here: stop the workers now (their kernels exit with them).
        for process in list(getattr(pool, "_processes", {}).values()):
            process.terminate()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    if failures:
        raise BuildError("; ".join(failures))
    return results


VENDOR_DIR = project.BOOK_DIR / "_static" / "vendor"
CHECKSUMS = VENDOR_DIR / "SHA256SUMS"


def check_vendored() -> None:
    """Every vendored library the pages load is present and exactly what ``make vendor`` recorded."""
    if not CHECKSUMS.exists():
        raise BuildError(f"{CHECKSUMS.relative_to(project.ROOT)} is missing; run make vendor")
    for line in CHECKSUMS.read_text().splitlines():
        expected, name = line.split(maxsplit=1)
        path = VENDOR_DIR / name.strip()
        where = path.relative_to(project.ROOT)
        if not path.exists():
            broken = "no table could be searched" if "datatables" in path.name else "no chart would render"
            raise BuildError(f"vendored file {where} is missing, so {broken}; run make vendor")
        if _sha256(path) != expected:
            raise BuildError(f"vendored file {where} differs from the recorded checksum; run make vendor")


def _stage_sources(build: Path, fallback: Path | None = None) -> Path:
    """A source tree for Jupyter Book: the book's pages plus the executed notebooks (from ``build``,
    or, for a chapter not executed there, from ``fallback``: the published build, for a rerun)."""
    staging = build / "source"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    for name in ("_config.yml", "_toc.yml"):
        shutil.copyfile(project.ROOT / name, staging / name)
    shutil.copytree(project.BOOK_DIR, staging / "book")
    # The data package as one archive, offered on the book's front page (a {download} link).
    downloads.write_data_archive(staging / "book" / "downloads" / downloads.DATA_ARCHIVE)
    (staging / "notebooks").mkdir()
    for chapter in project.chapters().values():
        executed, _ = _paths(build, chapter)
        if not executed.exists() and fallback is not None:
            executed, _ = _paths(fallback, chapter)
        if not executed.exists():
            raise BuildError(f"notebook {chapter.stem} has not been executed; run the execute step first")
        shutil.copyfile(executed, staging / "notebooks" / executed.name)
    return staging


def run_chapter(name: str, values: dict, jobs: int | None = None) -> Path:
    """Execute one chapter with ``values`` and build a book of its own around it; return its page.

    The rerun lives in ``<build>/runs/<chapter>-<hash of the values>``: its executed notebook and
    a whole book (the other chapters as published) whose page for this chapter says which
    parameters differ from the defaults. The published book in ``<build>/html`` is not touched:
    it changes only through ``python -m karabakh build``.
    """
    published = project.build_dir()
    chapter = project.find_chapter(name)
    validated = parameters.spec(chapter.name).validate(values)
    execute(jobs=jobs)  # the other chapters, with their defaults (cached when unchanged)
    key = hashlib.sha256(json.dumps(validated, sort_keys=True).encode()).hexdigest()[:10]
    run_dir = published / "runs" / f"{chapter.name}-{key}"
    execute({chapter.name: validated}, only=[chapter.name], jobs=jobs, build=run_dir)
    html = build_book(build=run_dir, fallback=published)
    return html / "notebooks" / f"{chapter.stem}.html"


def _tree_digest(directory: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(directory.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(directory).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def build_book(build: Path | None = None, fallback: Path | None = None) -> Path:
    """Compile ``<build>/html`` from the executed notebooks, warnings as errors; swap in on success.

    The book is not recompiled when its staged sources (configuration, pages, executed notebooks)
    are byte-identical to those of the book in place.
    """
    build = build or project.build_dir()
    check_vendored()
    staging = _stage_sources(build, fallback)
    target = build / "html"
    manifest = build / "cache" / "book.json"
    sources_digest = _tree_digest(staging)
    recorded = json.loads(manifest.read_text()) if manifest.exists() else {}
    # Cached only if the sources are unchanged and the book in place is the one built from them
    # (a page deleted or edited in _build/html is rebuilt).
    if target.exists() and recorded.get("sources") == sources_digest and recorded.get("html") == _tree_digest(target):
        log("cached    book (pages and executed notebooks unchanged)")
        return target
    fresh = Path(tempfile.mkdtemp(prefix="html-", dir=build))
    started = time.perf_counter()
    command = [
        # jupyter_book.cli.main has no __main__ guard: call its click entry point directly.
        sys.executable, "-c", "from jupyter_book.cli.main import main; main()", "build", str(staging),
        "--path-output", str(fresh), "--builder", "html", "-W", "-n", "--keep-going",
    ]
    completed = subprocess.run(command, capture_output=True, text=True, cwd=build)
    if completed.returncode != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        problems = [
            line for line in (completed.stdout + completed.stderr).splitlines()
            if any(word in line for word in ("WARNING", "ERROR", "CRITICAL", "Error:"))
        ]
        raise BuildError("book build failed:\n" + "\n".join(problems[-30:] or completed.stderr.splitlines()[-30:]))
    previous = build / "html.previous"
    shutil.rmtree(previous, ignore_errors=True)
    # The two renames run with Ctrl-C held back, so an interrupt never leaves the build without a book.
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        if target.exists():
            os.replace(target, previous)
        os.replace(fresh / "_build" / "html", target)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    shutil.rmtree(previous, ignore_errors=True)
    shutil.rmtree(fresh, ignore_errors=True)
    manifest.parent.mkdir(parents=True, exist_ok=True)
    manifest.write_text(json.dumps({"sources": sources_digest, "html": _tree_digest(target)}, indent=1) + "\n")
    log(f"built     {target.relative_to(build.parent) if build.parent in target.parents else target} in {time.perf_counter() - started:.1f} s")
    return target
