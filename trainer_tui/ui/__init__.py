"""Everything Textual: the app, its screens, widgets and styles. The only package using Textual."""
