"""Looks and words: palette, themes, icon, number formats, translations, texts."""
