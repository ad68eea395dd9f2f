"""Rendering: Vietnamese formatting of facts for replies, files and `kehoach show`."""
