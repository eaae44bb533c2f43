"""Use cases: the only API that the TUI, the CLI and the exports call."""
