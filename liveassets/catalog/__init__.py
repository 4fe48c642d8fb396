"""The library: TinyDB documents on durable storage, in-memory indexes, queries and tags."""
