"""What a reader can take away: the data package as one archive (built with every book).

The archive is byte-identical for identical data (fixed timestamps and order), so it does not
defeat the build's content cache.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from karabakh import project

DATA_ARCHIVE = "karabakh-book-data.zip"
#: Inside the archive everything sits under this folder.
ARCHIVE_ROOT = "karabakh-book-data"
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def write_data_archive(target: Path) -> Path:
    """``data/`` (tables, datapackage.json, READMEs, boundaries) and the data licence, zipped."""
    target.parent.mkdir(parents=True, exist_ok=True)
    files = sorted(path for path in project.DATA_DIR.rglob("*") if path.is_file())
    files.append(project.ROOT / "LICENSE-DATA.md")
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            name = f"{ARCHIVE_ROOT}/{path.relative_to(project.ROOT).as_posix()}"
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return target
