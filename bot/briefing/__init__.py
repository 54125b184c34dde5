"""The daily briefing: compose stories from a server's articles, schedule and feed it.

Nothing in this package imports discord.py: the cog in ``cogs/briefing.py`` and the CLI in
``bot/cli/briefing.py`` are the faces over it.
"""
