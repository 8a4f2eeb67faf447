"""The pygame frontend: a card table, gauges, the timeline of the chronicle (see app.py)."""

import os

# pygame prints its banner when first imported: say no before any module here imports it
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
# the game makes no sound: pygame.init() must not probe (and complain about) the sound card
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
