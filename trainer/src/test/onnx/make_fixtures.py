#!/usr/bin/python3
"""Writes the ONNX fixtures of OnnxImportTorchTest: small nn.LSTM (+ nn.Linear) models exported by
torch.onnx.export, each with the output torch itself computes on a fixed input (the test's golden).

Run from the repository root with Debian's PyTorch and ONNX (apt-get install python3-torch python3-onnx;
the fixtures in the repository were made with torch 1.13.1 and onnx 1.12.0):

    /usr/bin/python3 trainer/src/test/onnx/make_fixtures.py

It rewrites trainer/src/test/resources/onnx/<name>.onnx and <name>.json. Deterministic for a torch version.
"""
import json
import os

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "onnx")


class Forecaster(torch.nn.Module):
    """nn.LSTM then nn.Linear on the last step; `last` picks how the last step is taken."""

    def __init__(self, inputs, hidden, layers, outputs, batch_first, last, bidirectional=False):
        super().__init__()
        self.lstm = torch.nn.LSTM(inputs, hidden, num_layers=layers, batch_first=batch_first,
                                  bidirectional=bidirectional)
        self.head = torch.nn.Linear(hidden * (2 if bidirectional else 1), outputs)
        self.batch_first = batch_first
        self.last = last

    def forward(self, x):
        y, (h_n, _) = self.lstm(x)
        if self.last == "h_n":
            h = h_n[-1]
        elif self.batch_first:
            h = y[:, -1, :]
        else:
            h = y[-1]
        return self.head(h)


# name, inputs, hidden, layers, outputs, batch_first, last step, opset, constant folding, symbolic batch and time
CASES = [
    ("lstm1_seq_first_opset11", 3, 16, 1, 2, False, "y", 11, True, False),
    ("lstm2_batch_first_opset14", 4, 6, 2, 3, True, "y", 14, True, False),
    ("lstm2_seq_first_h_n_opset13", 2, 8, 2, 1, False, "h_n", 13, True, False),
    ("lstm1_batch_first_opset9_unfolded", 5, 4, 1, 2, True, "y", 9, False, False),
    ("lstm2_seq_first_opset17_unfolded", 3, 6, 2, 2, False, "h_n", 17, False, False),
    ("lstm2_batch_first_dynamic_opset15", 3, 5, 2, 2, True, "y", 15, True, True),
]
WINDOW = 7
# A file import-onnx must refuse (OnnxImportTorchTest): no golden, only the .onnx.
REFUSED = "lstm1_bidirectional_opset13"


def main():
    os.makedirs(OUT, exist_ok=True)
    for seed, (name, inputs, hidden, layers, outputs, batch_first, last, opset, folding, dynamic) in enumerate(CASES):
        torch.manual_seed(100 + seed)
        model = Forecaster(inputs, hidden, layers, outputs, batch_first, last).eval()
        window = torch.randn(WINDOW, inputs) * 2
        x = window.unsqueeze(0) if batch_first else window.unsqueeze(1)
        with torch.no_grad():
            expected = model(x)[0]
        axes = {"x": {0: "batch", 1: "time"} if batch_first else {0: "time", 1: "batch"}, "y": {0: "batch"}}
        torch.onnx.export(model, (x,), os.path.join(OUT, name + ".onnx"), opset_version=opset,
                          do_constant_folding=folding, input_names=["x"], output_names=["y"],
                          dynamic_axes=axes if dynamic else None)
        golden = {
            "source": "torch %s, %s, nn.LSTM(%d, %d, num_layers=%d, batch_first=%s) + nn.Linear, last step by %s"
                      % (torch.__version__, "opset %d" % opset, inputs, hidden, layers, batch_first, last),
            "window": [[float(v) for v in row] for row in window],
            "output": [float(v) for v in expected],
        }
        with open(os.path.join(OUT, name + ".json"), "w") as f:
            json.dump(golden, f, indent=1)
            f.write("\n")
    torch.manual_seed(99)
    model = Forecaster(3, 4, 1, 1, False, "y", bidirectional=True).eval()
    torch.onnx.export(model, (torch.randn(WINDOW, 1, 3),), os.path.join(OUT, REFUSED + ".onnx"), opset_version=13,
                      input_names=["x"], output_names=["y"])


if __name__ == "__main__":
    main()
