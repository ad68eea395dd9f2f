"""Reminders as data: who owes which deadline, when reminders fall due, claims and pauses."""
