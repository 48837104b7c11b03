"""The engine, without Qt: measuring, its inputs and results, the Edge TPU, samples, the CLI."""
