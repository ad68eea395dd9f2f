"""Progress reports, deadline completions and progress against targets."""
