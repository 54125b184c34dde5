"""``python -m bot``: the bot when ``DISCORD_TOKEN`` is set, otherwise the CLI."""

import sys

from bot.cli import main

sys.exit(main())
