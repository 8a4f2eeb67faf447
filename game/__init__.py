"""Divergence: a turn-based interactive-fiction strategy game of Soviet alternate history."""

__version__ = "0.1.0"
