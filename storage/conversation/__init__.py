"""Conversation state kept in the database: pending confirmations, menus, last report."""
