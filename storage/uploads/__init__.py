"""Plan files sent in chat: the pending upload kept until it is confirmed, and what the plan's units are told."""
