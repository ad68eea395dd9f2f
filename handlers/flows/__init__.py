"""Stateful conversations: reporting progress, registration, reminder settings."""
