"""Package marker: the shipped content is installed as the package data ``game.data.content``."""
