#!/usr/bin/env python3
"""PyTorch's side of the model-exchange round trips (tests/SciTransfer.TorchInterop.Tests/ExchangeRoundTripTests.cs).

Rebuilds a SciTransfer model from its card (NAME.json) with plain torch.nn modules, the way a PyTorch user would:

  exchange.py predict WEIGHTS INPUTS OUT    load WEIGHTS (.pt via torch.load, .safetensors via the reader below)
                                            into the modules the card names, predict at INPUTS (safetensors, "x"),
                                            write the predictions to OUT (JSON list, exact decimal doubles)
  exchange.py make ARCH WEIGHTS INPUTS OUT  build a model of ARCH (moisture-lstm | field-mlp | nusselt-mlp) with
                                            torch's own initialisation (seed 7) and random scalings, save its
                                            state dict to WEIGHTS and its card next to it, and its predictions to OUT
  ... make ARCH WEIGHTS INPUTS OUT SPEC      as make, with SPEC a JSON object that may set "widths", "features" and
                                            "input_mirror_period" (a model that fits a SciTransfer problem's options)

Needs Debian's python3-torch (1.13). safetensors is read and written here from the format's definition (u64
header length, JSON header, little-endian data) because Debian 12 does not package the safetensors module.
"""
import json, math, os, struct, sys
import torch

DT = {"F64": (torch.float64, 8), "F32": (torch.float32, 4)}


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    base = 8 + n
    out = {}
    for name, e in header.items():
        if name == "__metadata__":
            continue
        dtype, size = DT[e["dtype"]]
        b, end = e["data_offsets"]
        t = torch.frombuffer(bytearray(data[base + b:base + end]), dtype=dtype) if end > b else torch.empty(0, dtype=dtype)
        out[name] = t.reshape(e["shape"]).to(torch.float64)
    return out


def write_safetensors(path, state):
    header, blobs, off = {}, [], 0
    for name, t in state.items():
        raw = t.detach().to(torch.float64).contiguous().numpy().astype("<f8").tobytes()
        header[name] = {"dtype": "F64", "shape": list(t.shape), "data_offsets": [off, off + len(raw)]}
        blobs.append(raw)
        off += len(raw)
    h = json.dumps(header).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))


def load_state(path):
    if path.endswith(".safetensors"):
        return read_safetensors(path)
    return torch.load(path, map_location="cpu")


class Model(torch.nn.Module):
    """The network a card describes, with its input and output scaling."""

    def __init__(self, card):
        super().__init__()
        self.card = card
        w = card["widths"]
        if card["architecture"] == "moisture-lstm":
            self.lstm = torch.nn.LSTM(w[0], w[1], batch_first=True)
            self.head = torch.nn.Sequential(torch.nn.Linear(w[1], w[2]), torch.nn.ReLU(), torch.nn.Linear(w[2], w[3]),
                                            torch.nn.ReLU(), torch.nn.Linear(w[3], w[4]))
        else:
            layers = []
            for i in range(len(w) - 1):
                layers.append(torch.nn.Linear(w[i], w[i + 1]))
                if i < len(w) - 2:
                    layers.append(torch.nn.Tanh())
            self.net = torch.nn.Sequential(*layers)
        self.double()

    def forward(self, x):
        c = self.card
        xh = (x - torch.tensor(c["input_centre"], dtype=x.dtype)) / torch.tensor(c["input_scale"], dtype=x.dtype)
        if c.get("input_mirror_period", 0) > 0:
            xh[..., 0] = torch.cos(math.pi * x[..., 0] / c["input_mirror_period"])
        if c["architecture"] == "moisture-lstm":
            y = self.head(self.lstm(xh)[0])
        else:
            y = self.net(xh)
        y = y * c["output_scale"] + c["output_centre"]
        return torch.exp(y) if c["output_transform"] == "exp" else y


def card_path(weights):
    return os.path.splitext(weights)[0] + ".json"


def predict(weights, inputs, out):
    with open(card_path(weights)) as f:
        card = json.load(f)
    assert card["format"] == "scitransfer-model/1", card["format"]
    model = Model(card)
    state = {k: v.to(torch.float64) for k, v in load_state(weights).items()}
    model.load_state_dict(state, strict=True)
    x = read_safetensors(inputs)["x"]
    with torch.no_grad():
        y = model(x).reshape(-1)
    with open(out, "w") as f:
        json.dump([float(v) for v in y.tolist()], f)


def make(arch, weights, inputs, out, spec="{}"):
    torch.manual_seed(7)
    x = read_safetensors(inputs)["x"]
    d = x.shape[-1]
    g = torch.Generator().manual_seed(11)
    centre = (torch.rand(d, generator=g, dtype=torch.float64) - 0.5).tolist()
    scale = (0.5 + torch.rand(d, generator=g, dtype=torch.float64)).tolist()
    if arch == "moisture-lstm":
        widths, act, feats, output, transform = [d, 6, 32, 16, 1], "relu", ["f%d" % i for i in range(d)], "fuel moisture (%)", "identity"
        oc, os_ = 12.5, 4.25
    else:
        widths, act, feats, output = [d, 9, 7, 1], "tanh", ["x%d" % i for i in range(d)], "made in PyTorch"
        transform, oc, os_ = ("exp" if arch == "nusselt-mlp" else "identity"), 0.0, 1.0
    card = {"format": "scitransfer-model/1", "architecture": arch, "pytorch": "made by exchange.py", "state_dict": os.path.basename(weights),
            "widths": widths, "activation": act, "dropout": 0.0, "features": feats, "input_centre": centre, "input_scale": scale,
            "input_mirror_period": 0.0, "output": output, "output_centre": oc, "output_scale": os_, "output_transform": transform}
    spec = json.loads(spec)
    for key in ("widths", "features", "input_mirror_period"):
        if key in spec:
            card[key] = spec[key]
    model = Model(card)
    with torch.no_grad():  # torch initialises biases small or zero; make them matter
        for name, p in model.named_parameters():
            if "bias" in name:
                p.uniform_(-0.5, 0.5)
    state = model.state_dict()
    if weights.endswith(".safetensors"):
        write_safetensors(weights, state)
    else:
        torch.save(state, weights)
    with open(card_path(weights), "w") as f:
        json.dump(card, f)
    with torch.no_grad():
        y = model(x).reshape(-1)
    with open(out, "w") as f:
        json.dump([float(v) for v in y.tolist()], f)


if __name__ == "__main__":
    if sys.argv[1] == "predict":
        predict(*sys.argv[2:5])
    elif sys.argv[1] == "make":
        make(*sys.argv[2:7])
    else:
        sys.exit("usage: exchange.py predict WEIGHTS INPUTS OUT | make ARCH WEIGHTS INPUTS OUT")
