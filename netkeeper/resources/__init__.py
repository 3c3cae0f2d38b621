"""Packaged resources: the style sheet, icons and the application icon (no code)."""
