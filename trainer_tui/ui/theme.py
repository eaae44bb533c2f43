"""Themes: the default one and a high-contrast one for bright workshops and tired eyes."""

from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="trainer-high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FF8800",
    warning="#FFAA00",
    error="#FF4040",
    success="#00FF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    dark=True,
    luminosity_spread=0.25,
    text_alpha=1.0,
)

DEFAULT_THEME = "textual-dark"
THEMES = (HIGH_CONTRAST,)
