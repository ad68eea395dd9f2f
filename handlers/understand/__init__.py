"""Understanding a message: normalised text, the asker, units named, intent, the query."""
