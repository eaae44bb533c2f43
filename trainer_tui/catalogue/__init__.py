"""Load the skills catalogue from ``skills/`` TOML files, with errors that say where."""

from trainer_tui.catalogue.errors import CatalogueError
from trainer_tui.catalogue.loader import default_catalogue_dir, load_catalogue

__all__ = ["CatalogueError", "default_catalogue_dir", "load_catalogue"]
