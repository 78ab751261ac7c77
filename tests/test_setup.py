"""``make test`` sets itself up: a Chromium is found, installed where this process may, or named in one line."""

from __future__ import annotations

import stat

from karabakh.publishing import browser


def test_a_chromium_on_the_path_or_in_CHROMIUM_is_used(monkeypatch, tmp_path):
    fake = tmp_path / "my-chromium"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("CHROMIUM", str(fake))
    assert browser.find() == str(fake)
    assert browser.ensure() == 0


def test_a_CHROMIUM_that_is_not_executable_stops_with_one_line(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("CHROMIUM", str(tmp_path / "nothing-here"))
    assert browser.ensure() == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and "is not an executable file" in lines[0]


def test_without_chromium_and_without_root_it_stops_before_the_tests_with_one_line(monkeypatch, tmp_path, capsys):
    monkeypatch.delenv("CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # no chromium, no apt-get, no sudo
    assert browser.find() is None
    assert browser.ensure() == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines == [browser.MISSING]
    assert "apt-get install chromium" in lines[0] and "CHROMIUM=" in lines[0]


def test_without_chromium_as_root_it_installs_debians_package(monkeypatch, tmp_path, capsys):
    # A stand-in apt-get that records its arguments and "installs" chromium onto the path.
    log = tmp_path / "apt.log"
    apt = tmp_path / "apt-get"
    apt.write_text(f'#!/bin/sh\necho "$@" >> {log}\n'
                   f'if [ "$1" = install ]; then printf "#!/bin/sh\\n" > {tmp_path}/chromium; /bin/chmod +x {tmp_path}/chromium; fi\n')
    apt.chmod(0o755)
    monkeypatch.delenv("CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(browser.os, "geteuid", lambda: 0)
    assert browser.ensure() == 0
    assert log.read_text().splitlines() == ["update -qq", "install -y -qq chromium"]
    assert browser.find() == str(tmp_path / "chromium")


def test_a_failed_install_stops_with_one_line(monkeypatch, tmp_path, capsys):
    apt = tmp_path / "apt-get"
    apt.write_text("#!/bin/sh\nexit 100\n")
    apt.chmod(0o755)
    monkeypatch.delenv("CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(browser.os, "geteuid", lambda: 0)
    assert browser.ensure() == 2
    lines = [line for line in capsys.readouterr().err.strip().splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and "failed (exit 100)" in lines[0]
