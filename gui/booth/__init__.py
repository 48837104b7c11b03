"""Booth mode: the full-screen loop window, its tiles, type sizes, how it starts."""
