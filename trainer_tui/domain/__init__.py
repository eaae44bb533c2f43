"""Pure domain: pydantic models and rules, with no I/O, no Textual and no TinyDB."""
