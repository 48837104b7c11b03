"""A run as the window holds it: the choice, the session's thread and turns, the run state."""
