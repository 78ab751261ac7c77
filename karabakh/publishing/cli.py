"""Command line: ``python -m karabakh {build,run,execute,check-data,vendor}``.

    python -m karabakh build                       # execute what changed, compile the book
    python -m karabakh run un_resolutions_1993 -p resolutions 822,884 -p start 1993-03-01
    python -m karabakh execute chronology          # execute only, no book
    python -m karabakh check-data                  # Frictionless validation and integrity checks
    python -m karabakh vendor                      # refresh book/_static/vendor from node_modules
    python -m karabakh framing ../shared/seeds     # recompute data/framing_counts.csv from the articles
    python -m karabakh changes OLD [NEW] [--csv]   # rows added, removed and changed in data/ between revisions
    python -m karabakh release 1.1.0               # record a data release in data/changelog.json
    python -m karabakh browser                     # make sure Chromium is installed (tests, PDF)
"""

from __future__ import annotations

import os
import signal
import sys

INTERRUPTED = "interrupted: nothing was published; the previous book is unchanged"


def _interrupted_while_starting(signum, frame):
    # Ctrl-C before the command has started (Python is still importing pandas, Jupyter, ...):
    # nothing is under way, so say the one line and leave at once, without a traceback.
    print(f"\n{INTERRUPTED}", file=sys.stderr, flush=True)
    os._exit(130)


signal.signal(signal.SIGINT, _interrupted_while_starting)

import argparse  # noqa: E402  (the heavy imports come after the handler above)
import shlex  # noqa: E402
import time  # noqa: E402

from karabakh import parameters, project  # noqa: E402
from karabakh.publishing import pipeline, validation  # noqa: E402


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m karabakh", description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", type=int, default=None, help="notebooks executed at once (default: one per core)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("build", help="execute every chapter that changed, then compile the book")
    for name, text in (("run", "execute one chapter with parameters into a book of its own under <build>/runs"),
                       ("execute", "execute chapters without compiling the book")):
        command = commands.add_parser(name, help=text)
        command.add_argument("chapters", nargs=1 if name == "run" else "*", metavar="CHAPTER")
        command.add_argument(
            "-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
            help="a parameter of the chapter, e.g. -p resolutions 822,884 (run: one chapter only)",
        )
        command.add_argument(
            "--params", default="", metavar="'NAME=VALUE ...'",
            help="parameters as shell-quoted NAME=VALUE words (what `make chapter PARAMS=...` passes); "
            "the text is split like a shell would, never run",
        )
    commands.add_parser("check-data", help="validate data/ with Frictionless and the integrity checks")
    framing_command = commands.add_parser(
        "framing", help="recompute data/framing_counts.csv (and its derivation note) from a folder of articles")
    framing_command.add_argument("articles_dir", metavar="ARTICLES_DIR", help="a folder of UTF-8 .txt articles")
    for name, text in (("changes", "rows added, removed and changed in data/ between two git revisions"),
                       ("release", "record a data release (version, date, commit, changes) in data/changelog.json")):
        command = commands.add_parser(name, help=text, add_help=False)
        command.add_argument("arguments", nargs=argparse.REMAINDER, help="see python -m karabakh %(prog)s --help")
    commands.add_parser("vendor", help="copy the pinned Vega libraries and map boundaries into the book")
    commands.add_parser("browser", help="make sure a Chromium is at hand for the browser tests and the PDF (installs Debian's chromium where it may)")
    commands.add_parser("pdf", help="print the built book to one PDF (headless Chromium), linked from the front page")
    bench = commands.add_parser("bench", help="measure clean, no-change and partial builds, the tests and a scale run")
    bench.add_argument("--skip-tests", action="store_true", help="do not time the test suite")
    bench.add_argument("--pages", action="store_true", help="only measure the pages of the book already built")
    return parser


def _pairs(args) -> list[tuple[str, str]]:
    """``-p NAME VALUE`` pairs, then the words of ``--params`` (split with shell quoting rules, not run)."""
    pairs = [tuple(pair) for pair in args.parameter]
    try:
        words = shlex.split(args.params)
    except ValueError as error:
        raise parameters.ParameterError(f"PARAMS could not be read ({error}): quote values that hold spaces") from None
    for word in words:
        name, equals, value = word.partition("=")
        if not equals or not name:
            raise parameters.ParameterError(f"PARAMS word {word!r} is not NAME=VALUE (quote a value that holds spaces)")
        pairs.append((name, value))
    return pairs


def _overrides(args) -> dict[str, dict]:
    args.parameter = _pairs(args)
    if not args.parameter:
        return {}
    if len(args.chapters) != 1:
        raise parameters.ParameterError("parameters (-p) apply to one chapter: name exactly one")
    chapter = project.find_chapter(args.chapters[0])
    return {chapter.name: parameters.spec(chapter.name).parse_cli(args.parameter)}


def main(argv: list[str] | None = None) -> int:
    # From here on Ctrl-C is a KeyboardInterrupt, which stops workers and cleans up (below).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    args = _parser().parse_args(argv)
    started = time.perf_counter()
    try:
        if args.command == "check-data":
            return validation.main()
        if args.command == "bench":
            from karabakh.publishing import bench

            return bench.main([*(["--skip-tests"] if args.skip_tests else []), *(["--pages"] if args.pages else [])])
        if args.command in ("changes", "release"):
            from karabakh.publishing import changes

            try:
                return changes.main(args.arguments, args.command)
            except changes.ChangesError as error:
                print(f"error: {error}", file=sys.stderr)
                return 2
        if args.command == "framing":
            from karabakh.chapters import framing

            if not args.articles_dir.strip():
                raise parameters.ParameterError("framing: name a folder of articles, e.g. ../shared/seeds")
            parameters.spec("sources_and_claims").by_name["articles_dir"].validate("framing", args.articles_dir)
            path, read = framing.write_counts(args.articles_dir)
            pipeline.log(f"wrote     {path.relative_to(project.ROOT)} from {read} article(s); "
                         "the derivation note is in data/datapackage.json")
            return 0
        if args.command == "browser":
            from karabakh.publishing import browser

            return browser.main()
        if args.command == "vendor":
            from karabakh.publishing import vendor

            vendor.main()
            return 0
        with pipeline.build_lock(project.build_dir()):
            if args.command == "run":
                overrides = _overrides(args)
                chapter = project.find_chapter(args.chapters[0])
                page = pipeline.run_chapter(chapter.name, overrides.get(chapter.name, {}), jobs=args.jobs)
                pipeline.log(f"page      {page}")
                pipeline.log("          (a book of its own; the published book changes only with `make book`)")
            elif args.command == "execute":
                for name in args.chapters:
                    project.find_chapter(name)
                overrides = _overrides(args)
                pipeline.execute(overrides, only=args.chapters or None, jobs=args.jobs)
            elif args.command == "pdf":
                from karabakh.publishing import pdf

                pdf.build_pdf()
            elif args.command == "build":
                pipeline.execute(jobs=args.jobs)
                pipeline.build_book()
    except (parameters.ParameterError, pipeline.BuildError, validation.DataError, KeyError) as error:
        message = error.args[0] if isinstance(error, KeyError) else str(error)
        print(f"error: {message}", file=sys.stderr)
        return 2 if isinstance(error, (parameters.ParameterError, KeyError)) else 1
    except KeyboardInterrupt:
        print(f"\n{INTERRUPTED}", file=sys.stderr)
        return 130
    except OSError as error:
        # A build folder that cannot be written (read-only, full, or a file where a folder should be).
        print(f"error: cannot write {error.filename or project.build_dir()}: {error.strerror or error} "
              "(set KARABAKH_BUILD_DIR to a writable folder)", file=sys.stderr)
        return 1
    pipeline.log(f"done in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
