"""The vocabulary is package data: a plain (not editable) install must carry it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_a_plain_install_ships_the_vocabulary_and_its_licence(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "mixer", source / "mixer", ignore=shutil.ignore_patterns("__pycache__"))
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", target, source],
        check=True,
        timeout=600,
    )
    shutil.rmtree(source)  # nothing may be read from the source tree after installing
    code = (
        "import mixer, mixer.vocabulary as v;print(mixer.__file__); print(len(v.builtin().entries))"
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
    assert (target / "mixer" / "data" / "VOCABULARY.md").is_file()
