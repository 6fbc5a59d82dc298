"""Engines behind one small interface: a model server, a managed API, or the analyst."""
