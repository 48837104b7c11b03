"""Files in and out, safely: bounded reads, atomic writes, temporary logs, terminal text."""
