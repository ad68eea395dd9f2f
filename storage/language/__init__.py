"""The Vietnamese language layer: folding, normalisation, numbers, dates, unit kinds, obligors, roles, projects."""
