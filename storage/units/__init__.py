"""The unit tree: resolving names in plans, lookups, national catalogs and their 2025 merges."""
