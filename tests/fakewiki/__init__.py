"""A fake MediaWiki Action API on 127.0.0.1 for the Wikipedia tests (see server.py)."""
