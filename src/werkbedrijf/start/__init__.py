"""The start page: what a signed-in staff member can do, by role."""
