"""Packaging beyond what pyproject.toml can say: the checkout's ``content/`` and ``assets/``
folders are installed inside the package as ``game.data.content`` and ``game.data.assets``,
so the game finds them with ``importlib.resources`` wherever the wheel is installed (and an
editable install maps the same names back onto the checkout's folders).

Every other setting is in pyproject.toml; this file only computes the package list, because
pyproject.toml cannot combine package discovery with mapped data folders. Each folder under
``content/`` and ``assets/`` is declared as a (namespace) package of data, as setuptools asks.
"""

from setuptools import find_namespace_packages, find_packages, setup

DATA_FOLDERS = {"game.data.content": "content", "game.data.assets": "assets"}
DATA_FILES = ["*.yaml", "*.yml", "*.md", "*.txt", "*.ttf", "*.png"]


def data_packages() -> list[str]:
    """Every data folder as a package name under its mapped root."""
    names = []
    for package, folder in DATA_FOLDERS.items():
        names += [package, *(f"{package}.{sub}" for sub in find_namespace_packages(where=folder))]
    return names


DATA_PACKAGES = data_packages()

setup(
    packages=[*find_packages(include=["game", "game.*"]), *DATA_PACKAGES],
    package_dir=DATA_FOLDERS,
    package_data={package: DATA_FILES for package in DATA_PACKAGES},
)
