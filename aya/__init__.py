"""The `aya` command: the composition root that starts services, the embedded stack and tools."""
