"""Measuring: backends, plan, session, workers, events, runtimes, booth, published check."""
