"""Chapter parameters: their kinds, their parsing from the command line, and their validation.

Each chapter declares its parameters here; ``_config.yml`` holds their defaults and each notebook's
``parameters`` cell repeats them. Every failure is a :class:`ParameterError` whose message is one
line naming the parameter, the value given and what is allowed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from karabakh import project


def resolve_folder(folder: str | Path) -> Path:
    """A folder parameter as a path: absolute, or relative to the repository root."""
    path = Path(folder)
    return path if path.is_absolute() else (project.ROOT / path).resolve()


def folder_digest(folder: str | Path) -> dict[str, str]:
    """Name and content hash of every ``.txt`` file of a folder parameter: what the cache keys on."""
    import hashlib

    if not str(folder).strip():
        return {}
    return {
        file.name: hashlib.sha256(file.read_bytes()).hexdigest()
        for file in sorted(resolve_folder(folder).glob("*.txt"))
    }


class ParameterError(ValueError):
    """A chapter parameter that is unknown, malformed or out of range."""


def _show(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ",".join(str(item) for item in value)
    return str(value)


def _items(value: Any) -> list:
    """A list from a list, or from a comma-separated string (the command-line form)."""
    if isinstance(value, str):
        return [item.strip() for item in value.split(",") if item.strip()]
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


@dataclass(frozen=True)
class Parameter:
    """One knob of a chapter: ``kind`` is ``date``, ``choices``, ``choice`` or ``path``."""

    name: str
    kind: str
    help: str
    choices: Callable[[], Iterable[str | int]] | None = None
    allow_empty: bool = False
    item_type: type = str
    #: For choices that have other names (places): name -> canonical choice, and a one-line hint
    #: for an unknown name (its closest matches) instead of listing every choice.
    aliases: Callable[[], dict[str, str]] | None = None
    earliest: str | None = None
    latest: str | None = None
    #: For a path that may be empty: what an empty value means (said in the error message).
    empty_means: str = ""

    def allowed(self) -> str:
        if self.kind == "date":
            if self.earliest and self.latest:
                return f"a date as YYYY-MM-DD from {self.earliest} to {self.latest}"
            return "a date as YYYY-MM-DD"
        if self.kind == "path":
            folder = "an existing folder of UTF-8 .txt files (absolute, or relative to the repository root)"
            return f"empty ({self.empty_means}) or {folder}" if self.allow_empty else folder
        options = ", ".join(str(option) for option in self.choices())
        if self.kind == "choice":
            return f"one of {options}"
        many = "zero or more" if self.allow_empty else "one or more"
        return f"{many} of {options}, comma-separated"

    def error(self, chapter: str, value: Any) -> ParameterError:
        return ParameterError(
            f"parameter '{self.name}' of {chapter}: got '{_show(value)}'; allowed: {self.allowed()}"
        )

    def validate(self, chapter: str, value: Any) -> Any:
        """The value in its canonical form (what papermill injects), or a ParameterError."""
        if self.kind == "date":
            text = value.isoformat() if isinstance(value, dt.date) else str(value).strip()
            try:
                parsed = dt.date.fromisoformat(text)
            except ValueError:
                raise self.error(chapter, value) from None
            # fromisoformat also takes "19930430"; the book's dates are always YYYY-MM-DD.
            if len(text) != 10:
                raise self.error(chapter, value)
            if (self.earliest and text < self.earliest) or (self.latest and text > self.latest):
                raise self.error(chapter, value)
            return parsed.isoformat()
        if self.kind == "path":
            if self.allow_empty and (value is None or (isinstance(value, str) and not value.strip())):
                return ""
            if not isinstance(value, (str, Path)) or not str(value).strip():
                raise self.error(chapter, value)
            folder = resolve_folder(value)
            if not folder.is_dir():
                what = "is a file, not a folder" if folder.exists() else "does not exist"
                raise ParameterError(f"parameter '{self.name}' of {chapter}: '{value}' {what}; allowed: {self.allowed()}")
            for file in sorted(folder.glob("*.txt")):
                try:
                    file.read_text(encoding="utf-8")
                except UnicodeDecodeError as error:
                    raise ParameterError(
                        f"parameter '{self.name}' of {chapter}: {file.name} in '{value}' is not UTF-8 "
                        f"(byte {error.start}); allowed: {self.allowed()}"
                    ) from None
                except OSError as error:
                    raise ParameterError(
                        f"parameter '{self.name}' of {chapter}: {file.name} in '{value}' cannot be read "
                        f"({error.strerror}); allowed: {self.allowed()}"
                    ) from None
            return str(value)
        allowed = list(self.choices())
        if self.kind == "choice":
            if value not in allowed:
                raise self.error(chapter, value)
            return value
        items = _items(value)
        try:
            items = [self.item_type(item) for item in items]
        except (TypeError, ValueError):
            raise self.error(chapter, value) from None
        if self.aliases is not None:
            items = [self._resolve(chapter, item, allowed) for item in items]
        if (not items and not self.allow_empty) or any(item not in allowed for item in items):
            raise self.error(chapter, value)
        # Keep the analyst's order but drop repeats, so the cache key of "822,822" is that of "822".
        return list(dict.fromkeys(items))


    def _resolve(self, chapter: str, item: str, allowed: list) -> str:
        """A choice given by any of its names (any language, any case), or a hint at the closest names."""
        if item in allowed:
            return item
        names = self.aliases()
        key = normalise_name(item)
        if key in names:
            return names[key]
        import difflib

        close = difflib.get_close_matches(key, list(names), n=5, cutoff=0.6)
        suggestions = list(dict.fromkeys(names[name] for name in close))
        hint = f"did you mean {', '.join(suggestions)}?" if suggestions else "no place has a similar name"
        raise ParameterError(
            f"parameter '{self.name}' of {chapter}: got '{item}', which names no place; {hint} "
            "(any name or variant in English, Azerbaijani, Armenian or Russian, or a place id, is accepted)"
        )


def normalise_name(name: str) -> str:
    """Case- and accent-insensitive form of a name: 'Xankəndi' and 'xankendi' match, 'Шуша' stays Cyrillic."""
    import unicodedata

    text = unicodedata.normalize("NFKD", str(name).casefold().replace("ə", "e"))
    return " ".join("".join(char for char in text if not unicodedata.combining(char)).split())


@dataclass(frozen=True)
class ChapterParameters:
    """The parameters one chapter accepts, and the cross-parameter checks it needs."""

    chapter: str
    parameters: tuple[Parameter, ...]
    date_window: tuple[str, str] | None = ("start", "end")
    by_name: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "by_name", {p.name: p for p in self.parameters})

    def validate(self, values: dict) -> dict:
        """Validate every value (defaults from ``_config.yml`` fill what is not given)."""
        unknown = sorted(set(values) - set(self.by_name))
        if unknown:
            raise ParameterError(
                f"unknown parameter '{unknown[0]}' for {self.chapter}; "
                f"allowed: {', '.join(sorted(self.by_name))}"
            )
        merged = {**project.default_parameters(self.chapter), **values}
        missing = [name for name in self.by_name if name not in merged]
        if missing:
            raise ParameterError(f"parameter '{missing[0]}' of {self.chapter} has no value and no default")
        checked = {name: self.by_name[name].validate(self.chapter, merged[name]) for name in self.by_name}
        if self.date_window:
            start, end = self.date_window
            if checked[end] < checked[start]:
                raise ParameterError(
                    f"parameter '{end}' of {self.chapter}: got '{checked[end]}'; "
                    f"allowed: a date on or after {start} ({checked[start]})"
                )
        return checked

    def parse_cli(self, pairs: list[tuple[str, str]]) -> dict:
        """``[("resolutions", "822,884")]`` from ``-p resolutions 822,884``, validated."""
        given: dict[str, str] = {}
        for name, value in pairs:
            if name in given and given[name] != value:
                raise ParameterError(
                    f"parameter '{name}' of {self.chapter} given twice ('{given[name]}' and '{value}'); give it once"
                )
            given[name] = value
        return self.validate(given)


# Choices come from the data package, read lazily so that importing this module reads nothing.
def _resolution_numbers():
    from karabakh import data

    return data.load_table("un_resolutions")["resolution"].tolist()


def _event_types():
    from karabakh import data

    return data.field_enum("events", "event_type")


def _place_ids():
    from karabakh import data

    return data.load_table("places")["place_id"].tolist()


def _place_aliases() -> dict[str, str]:
    """Every name of every place (id, English, Azerbaijani, Armenian, Russian, variants) -> place id."""
    from karabakh import data

    places = data.load_table("places")
    names: dict[str, str] = {}
    for row in places.itertuples():
        for name in [row.place_id, row.name_en, row.name_az, row.name_hy, row.name_ru, *row.variants]:
            if isinstance(name, str) and name:
                names.setdefault(normalise_name(name), row.place_id)
    return names


def _claimants():
    from karabakh import data

    return sorted(set(data.load_table("figures")["claimant"]))


WAR_2020_METRICS = ("military_dead", "civilian_dead", "wounded", "missing", "displaced")
MAP_LEVELS = ("settlement", "district")
INDICATORS_2023 = ("exodus", "blockade", "casualties")


def _grades():
    from karabakh import data

    return data.field_enum("claims", "grade")


def _article_ids():
    from karabakh import data

    return data.load_table("articles")["source_id"].tolist()


PRECISIONS = ("day", "month", "year")
#: The subjects of the chapter "Civilians, prisoners and heritage" (account topics, karabakh.accounts).
def _civilian_topics():
    from karabakh import data

    topics = data.load_table("topics")
    return topics.loc[topics["chapter"] == "civilians_prisoners_heritage", "topic_id"].tolist()

CHAPTERS: dict[str, ChapterParameters] = {
    spec.chapter: spec
    for spec in (
        ChapterParameters(
            "chronology",
            (
                Parameter("start", "date", "first day of the window"),
                Parameter("end", "date", "last day of the window"),
                Parameter("event_types", "choices", "event types shown (empty: all)", _event_types, allow_empty=True),
                Parameter("places", "choices", "places shown, by any of their names (empty: all)", _place_ids,
                          allow_empty=True, aliases=_place_aliases),
                Parameter("min_precision", "choice", "coarsest date precision kept", lambda: PRECISIONS),
            ),
        ),
        ChapterParameters(
            "un_resolutions_1993",
            (
                Parameter("resolutions", "choices", "which resolutions", _resolution_numbers, item_type=int),
                Parameter("start", "date", "first day of the events shown"),
                Parameter("end", "date", "last day of the events shown"),
            ),
        ),
        ChapterParameters(
            "war_2020",
            (
                Parameter("start", "date", "first day of the window", earliest="2020-09-27", latest="2023-09-18"),
                Parameter("end", "date", "last day of the window (figures are often revised long after)",
                          earliest="2020-09-27", latest="2023-09-18"),
                Parameter("claimants", "choices", "who states the figures shown (empty: all)", _claimants, allow_empty=True),
                Parameter("metric", "choice", "what the casualty chart counts", lambda: WAR_2020_METRICS),
                Parameter("map_level", "choice", "what the map colours: settlements, or districts too", lambda: MAP_LEVELS),
            ),
        ),
        ChapterParameters(
            "events_2023",
            (
                Parameter("start", "date", "first day of the window", earliest="2020-11-10", latest="2026-12-31"),
                Parameter("end", "date", "last day of the window", earliest="2020-11-10", latest="2026-12-31"),
                Parameter("claimants", "choices", "who states the figures shown (empty: all)", _claimants, allow_empty=True),
                Parameter("indicators", "choices", "which series to plot", lambda: INDICATORS_2023),
            ),
        ),
        ChapterParameters(
            "first_war",
            (
                Parameter("start", "date", "first day of the window", earliest="1988-01-01", latest="1994-05-12"),
                Parameter("end", "date", "last day of the window (and of the map's slider)", earliest="1988-01-01", latest="1994-05-12"),
                Parameter("claimants", "choices", "who states the tolls shown (empty: all)", _claimants, allow_empty=True),
            ),
        ),
        ChapterParameters(
            "civilians_prisoners_heritage",
            (
                Parameter("topics", "choices", "which subjects the page tells", _civilian_topics),
                Parameter("start", "date", "first day of the events and figures shown"),
                Parameter("end", "date", "last day of the events and figures shown"),
            ),
        ),
        ChapterParameters(
            "sources_and_claims",
            (
                Parameter(
                    "articles_dir", "path", "folder of input articles (.txt) to recount from (empty: the committed counts)",
                    allow_empty=True, empty_means="the counts kept in data/framing_counts.csv",
                ),
                Parameter("articles", "choices", "article source ids in the ledger (empty: all)", _article_ids, allow_empty=True),
                Parameter("grades", "choices", "grades shown (empty: all)", _grades, allow_empty=True),
            ),
            date_window=None,
        ),
    )
}


def spec(chapter: str) -> ChapterParameters:
    """A chapter's parameters; a page that declares none (a reference page) takes none."""
    return CHAPTERS.get(chapter) or ChapterParameters(chapter, (), date_window=None)


def validate(chapter: str, **values) -> dict:
    """Validate a notebook's parameters on entry: ``validate("chronology", start=start, ...)``."""
    return spec(chapter).validate(values)
