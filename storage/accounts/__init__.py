"""Chat users, their memberships and roles, invites and registration requests."""
