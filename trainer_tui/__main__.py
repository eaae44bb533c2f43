"""Allow ``python -m trainer_tui``."""

from trainer_tui.cli import main

raise SystemExit(main())
