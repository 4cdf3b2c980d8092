"""Compiles the translations as part of every build (plain and editable installs alike).

The catalogs (`mixer/data/translations/<lang>/LC_MESSAGES/messages.po`) are the source; the
compiled `.mo` files the app reads are built here, with Babel (the library Flask-Babel reads
them with), so no install can forget the step and no compiled file is kept in the
repository. Everything else about the package is in pyproject.toml.
"""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

TRANSLATIONS = Path(__file__).resolve().parent / "mixer" / "data" / "translations"


def compile_catalogs() -> list[Path]:
    """Each `.po` beside its `.mo`, rebuilt when older; fuzzy entries are left out."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    built = []
    for po in sorted(TRANSLATIONS.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as source:
            catalog = read_po(source, locale=po.parts[-3])
        with mo.open("wb") as target:
            write_mo(target, catalog, use_fuzzy=False)
        built.append(mo)
    return built


class BuildWithCatalogs(build_py):
    def run(self) -> None:
        compile_catalogs()
        super().run()


setup(cmdclass={"build_py": BuildWithCatalogs})
