"""Measuring: backends, plan, session, worker processes, events, runtimes, booth loop."""
