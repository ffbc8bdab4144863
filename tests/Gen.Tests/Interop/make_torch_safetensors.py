"""Writes torch_mlp.safetensors and torch_mlp.expected.json for PersistenceTests.

The weights come from PyTorch nn.Linear layers and are written by this script's own safetensors
writer (numpy + json, following the format's specification), independent of Gen's. The expected
outputs are PyTorch's forward pass, so the test proves that a file written outside .NET loads into a
Gen model that then predicts what PyTorch predicts.

Made with (Debian's python3-torch 1.13 and python3-numpy):
    cd tests/Gen.Tests/Interop && /usr/bin/python3 make_torch_safetensors.py
"""
import json
import struct

import numpy as np
import torch

torch.manual_seed(2026)
first = torch.nn.Linear(4, 5)
second = torch.nn.Linear(5, 3)
inputs = torch.randn(6, 4)
with torch.no_grad():
    outputs = torch.softmax(second(torch.tanh(first(inputs))), dim=-1)

tensors = {
    "layers.0.weight": first.weight,
    "layers.0.bias": first.bias,
    "layers.1.weight": second.weight,
    "layers.1.bias": second.bias,
}
header, blobs, offset = {"__metadata__": {"format": "pt", "writer": "make_torch_safetensors.py"}}, [], 0
for name, tensor in tensors.items():
    data = tensor.detach().numpy().astype("<f4").tobytes()
    header[name] = {"dtype": "F32", "shape": list(tensor.shape), "data_offsets": [offset, offset + len(data)]}
    blobs.append(data)
    offset += len(data)

encoded = json.dumps(header, separators=(",", ":")).encode("utf-8")
encoded += b" " * ((8 - len(encoded) % 8) % 8)
with open("torch_mlp.safetensors", "wb") as file:
    file.write(struct.pack("<Q", len(encoded)) + encoded + b"".join(blobs))

with open("torch_mlp.expected.json", "w") as file:
    json.dump({"inputs": inputs.flatten().tolist(), "outputs": outputs.flatten().tolist()}, file)
