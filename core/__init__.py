"""The engine, without Qt: measuring, its inputs and results, the Edge TPU, samples, the CLI.

Importing it sets ``OPENBLAS_NUM_THREADS=1`` (unless the user set it) before numpy loads, in
this process and in the workers it spawns. numpy's OpenBLAS otherwise starts a thread per extra
core, and after each matrix operation that thread spins for about 0.1 s: in a worker it took a
core from the runtime during the first timed round, and in the window's process it could run
into the round that follows a paint. Nothing here multiplies matrices large enough to want it.
"""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
