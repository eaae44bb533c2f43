"""Allow ``python -m trainer_tui``."""

from trainer_tui.startup import main

raise SystemExit(main())
