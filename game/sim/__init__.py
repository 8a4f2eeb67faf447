"""Headless play: policies, the Monte-Carlo runner, measures of historical constraints and
their calibration (DESIGN §5). Imports the core, and the content layer only to load
campaigns in worker processes."""
