"""trainer-tui: a terminal app for FTTH fibre-technician trainers.

Layers (see ARCHITECTURE.md): ``domain`` and ``catalogue`` are pure; ``storage`` alone
touches TinyDB; ``services`` are the use cases every front end calls; ``ui`` alone imports
Textual; ``cli`` is the command-line entry.
"""

__version__ = "0.1.0"
