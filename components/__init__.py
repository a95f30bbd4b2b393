"""Reusable UI pieces: they take data (DataFrames, rows) and draw it; no SQL, no caching."""
