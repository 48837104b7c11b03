"""The Edge TPU: devices, the libedgetpu library, known failures, the doctor."""
