"""Pure text analysis: takes text, returns data. Imports neither discord, aiohttp nor aiosqlite."""
