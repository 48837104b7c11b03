"""The Edge TPU: devices, libedgetpu, failures, doctor, advice, Coral's figures, slow causes."""
