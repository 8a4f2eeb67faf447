"""Package marker: the shipped assets are installed as the package data ``game.data.assets``."""
