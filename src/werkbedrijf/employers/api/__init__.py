"""The employers API: register, list and read employers."""
