"""Parameters: defaults from _config.yml, parsing from the command line, one-line errors."""

import json
import re

import pytest

from karabakh import parameters, project
from karabakh.parameters import ParameterError


def test_defaults_validate_for_every_chapter():
    for name in project.chapters():
        values = parameters.spec(name).validate({})
        assert set(values) == set(parameters.spec(name).by_name)


def test_notebook_parameters_cell_matches_config_defaults():
    for chapter in project.chapters().values():
        notebook = json.loads(chapter.path.read_text())
        cells = [c for c in notebook["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
        if not parameters.spec(chapter.name).parameters:
            assert cells == [], f"{chapter.stem} declares no parameters but has a parameters cell"
            continue
        assert len(cells) == 1, f"{chapter.stem} needs exactly one parameters cell"
        namespace = {}
        exec("".join(cells[0]["source"]), namespace)
        declared = {key: namespace[key] for key in parameters.spec(chapter.name).by_name}
        assert declared == project.default_parameters(chapter.name), chapter.stem


def test_cli_values_are_parsed_and_canonical():
    values = parameters.spec("un_resolutions_1993").parse_cli([("resolutions", "884,822,822"), ("start", "1993-03-01")])
    assert values == {"resolutions": [884, 822], "start": "1993-03-01", "end": "1994-05-31"}


@pytest.mark.parametrize(
    ("pairs", "message"),
    [
        (
            [("resolutions", "822,999")],
            "parameter 'resolutions' of un_resolutions_1993: got '822,999'; "
            "allowed: one or more of 822, 853, 874, 884, comma-separated",
        ),
        ([("resolutions", "")], "parameter 'resolutions' of un_resolutions_1993: got ''; allowed: one or more of 822, 853, 874, 884, comma-separated"),
        ([("start", "1993-13-01")], "parameter 'start' of un_resolutions_1993: got '1993-13-01'; allowed: a date as YYYY-MM-DD"),
        ([("start", "19930101")], "parameter 'start' of un_resolutions_1993: got '19930101'; allowed: a date as YYYY-MM-DD"),
        (
            [("start", "1994-01-01"), ("end", "1993-01-01")],
            "parameter 'end' of un_resolutions_1993: got '1993-01-01'; allowed: a date on or after start (1994-01-01)",
        ),
        ([("colour", "red")], "unknown parameter 'colour' for un_resolutions_1993; allowed: end, resolutions, start"),
    ],
)
def test_bad_parameters_give_one_line_naming_parameter_value_and_allowed(pairs, message):
    with pytest.raises(ParameterError) as caught:
        parameters.spec("un_resolutions_1993").parse_cli(pairs)
    assert str(caught.value) == message
    assert "\n" not in str(caught.value)


def test_notebook_entry_validation_uses_the_same_rules():
    with pytest.raises(ParameterError, match="parameter 'resolutions' of un_resolutions_1993: got '821'"):
        parameters.validate("un_resolutions_1993", resolutions=[821], start="1993-01-01", end="1994-05-31")


def test_chronology_parameters_check_the_vocabularies():
    spec = parameters.spec("chronology")
    assert spec.parse_cli([("event_types", "ceasefire,agreement")])["event_types"] == ["ceasefire", "agreement"]
    with pytest.raises(ParameterError, match=r"^parameter 'event_types' of chronology: got 'battle'; allowed: zero or more of "):
        spec.parse_cli([("event_types", "battle")])
    with pytest.raises(ParameterError, match=r"^parameter 'places' of chronology: got 'atlantis', which names no place; "):
        spec.parse_cli([("places", "atlantis")])


def test_claims_parameters_check_grades_and_articles():
    spec = parameters.spec("sources_and_claims")
    assert spec.parse_cli([("grades", "opinion")])["grades"] == ["opinion"]
    with pytest.raises(ParameterError) as caught:
        spec.parse_cli([("grades", "true")])
    assert str(caught.value) == (
        "parameter 'grades' of sources_and_claims: got 'true'; allowed: zero or more of confirmed, "
        "partly_correct, unsupported, contradicted, opinion, comma-separated"
    )
    with pytest.raises(ParameterError, match="parameter 'articles' of sources_and_claims: got 'seed-999'"):
        spec.parse_cli([("articles", "seed-999")])


@pytest.mark.parametrize(
    ("given", "place_id"),
    [
        ("stepanakert", "stepanakert"),          # the id
        ("Stepanakert", "stepanakert"),          # English
        ("Xankəndi", "stepanakert"),             # Azerbaijani
        ("xankendi", "stepanakert"),             # Azerbaijani, without the schwa, any case
        ("Ստեփանակերտ", "stepanakert"),          # Armenian
        ("Степанакерт", "stepanakert"),          # Russian
        ("Khankendi", "stepanakert"),            # an English variant
        ("Shushi", "shusha"),                    # the Armenian-derived English variant
    ],
)
def test_a_place_parameter_accepts_every_name_in_every_language(given, place_id):
    from karabakh import data

    places = data.load_table("places").set_index("place_id")
    row = places.loc[place_id]
    names = {row.name_en, row.name_az, row.name_hy, row.name_ru, place_id, *row.variants}
    assert any(parameters.normalise_name(given) == parameters.normalise_name(name) for name in names if isinstance(name, str)), \
        f"{given!r} is not a name of {place_id} in data/places.csv"
    assert parameters.validate("chronology", places=given)["places"] == [place_id]


def test_an_unknown_place_gets_its_closest_matches_not_every_id():
    with pytest.raises(ParameterError) as caught:
        parameters.validate("chronology", places="Stepanakertt")
    message = str(caught.value)
    assert "did you mean stepanakert?" in message
    assert "\n" not in message and len(message) < 300


def test_params_of_make_chapter_are_read_as_text_and_never_run(tmp_path):
    """`$(…)` and `;` in PARAMS reach the program as text: no shell runs them (README, bad inputs)."""
    import os
    import subprocess

    env = {
        **os.environ,
        "NB": "chronology",
        "PARAMS": "start=1990-01-01 x=$(touch pwned); touch pwned2",
        "KARABAKH_BUILD_DIR": str(tmp_path / "build"),
    }
    completed = subprocess.run(
        ["make", "--no-print-directory", "-C", str(project.ROOT), "chapter"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )
    assert completed.returncode != 0
    for folder in (tmp_path, project.ROOT, project.ROOT / "notebooks"):
        assert not (folder / "pwned").exists() and not (folder / "pwned2").exists(), f"a shell ran PARAMS in {folder}"
    # make adds its own "make: *** [...] Error 2" (make[1] when run under make test); the rest is ours.
    errors = [line for line in completed.stderr.splitlines() if not re.match(r"^make(\[\d+\])?: \*\*\*", line)]
    assert len(errors) == 1 and errors[0].startswith("error: PARAMS word"), completed.stderr
    assert "Traceback" not in completed.stderr
    assert not (tmp_path / "build" / "executed").exists(), "nothing is executed"
