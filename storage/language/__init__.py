"""The Vietnamese language layer: folding, normalisation, numbers, money, dates, unit kinds."""
