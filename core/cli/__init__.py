"""The command line without Qt: the parser and the run, inspect, doctor, models commands."""
