"""The pygame frontend: a card table, gauges, the timeline of the chronicle (see app.py)."""
