"""What Mixer needs besides its code (the vocabulary, pages, static files, migrations) is
package data: a plain (not editable) install must carry it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Mixer installed with a plain `pip install` into a folder, its source tree deleted."""
    tmp_path = tmp_path_factory.mktemp("plain")
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy(ROOT / name, source / name)
    # Without compiled translations: the install itself must build them.
    skip = shutil.ignore_patterns("__pycache__", "*.mo")
    for name in ("mixer", "static", "templates", "migrations"):
        shutil.copytree(ROOT / name, source / name, ignore=skip)
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", target, source],
        check=True,
        timeout=600,
    )
    shutil.rmtree(source)  # nothing may be read from the source tree after installing
    return target


def test_a_plain_install_ships_the_vocabulary_and_its_licence(installed: Path) -> None:
    target, tmp_path = installed, installed.parent
    code = (
        "import mixer, mixer.domain.vocabulary as v;"
        "print(mixer.__file__); print(len(v.builtin().entries));"
        "print(v.builtin().read('Datenanalyse').topics[0].replace(' ', '_'));"
        "print(len(v.labels_in('ar')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(target)},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout.split()
    assert out[0].startswith(str(target))
    assert int(out[1]) >= 400
    assert out[2] == "data_analysis"  # the topics' names in other languages are installed
    assert int(out[3]) >= 400
    assert (target / "mixer" / "data" / "VOCABULARY.md").is_file()
    assert (target / "mixer" / "data" / "vocabulary_translations.json").is_file()


SERVE_A_PAGE = """
import sys
from mixer.app import create_app
from mixer.run.cli import main
url = "sqlite:///" + sys.argv[1]
app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "k" * 32})
with app.app_context():
    from flask_migrate import upgrade
    upgrade()
client = app.test_client()
print(app.static_folder)
for path in ("/", "/static/js/console.js", "/sw.js", "/manifest.webmanifest"):
    print(path, client.get(path).status_code)
made = client.post("/api/v1/events", json={"name": "Packaged"})
code = made.get_json()["event"]["code"]
print("join", client.get("/e/" + code).status_code)
german = client.get("/e/" + code, headers={"Accept-Language": "de"}).get_data(as_text=True)
print("de", "Warum sind Sie hier?" in german)
"""


def test_a_plain_install_serves_its_pages_and_static_files_and_migrates(installed: Path) -> None:
    """Templates, static files and migrations sit beside the package in a checkout: a
    plain install must carry them too, or `mixer serve` stops at its first migration."""
    database = installed.parent / "mixer.sqlite"
    out = subprocess.run(
        [sys.executable, "-c", SERVE_A_PAGE, str(database)],
        cwd=installed.parent,
        env={**os.environ, "PYTHONPATH": str(installed)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    lines = out.stdout.splitlines()
    assert lines[0].startswith(str(installed))  # not a folder of some checkout
    assert lines[1:] == [
        "/ 200",
        "/static/js/console.js 200",
        "/sw.js 200",
        "/manifest.webmanifest 200",
        "join 200",
        "de True",  # the catalogs, compiled by the install, are read
    ]
    compiled = installed / "mixer" / "data" / "translations"
    assert {p.parts[-3] for p in compiled.glob("*/LC_MESSAGES/messages.mo")} == {
        "de",
        "fr",
        "es",
        "ar",
    }
