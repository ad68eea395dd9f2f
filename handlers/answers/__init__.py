"""Answers to questions, one module per kind (quotas, targets, duties, deadlines, ...)."""
