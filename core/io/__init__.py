"""Files in and out, safely: bounded reads, atomic writes, temporary logs, terminal text;
numbers read from text and written as text."""
