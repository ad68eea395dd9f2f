"""The outbox: every message the bot sends, written first, then delivered part by part."""
