// QDK cross-check oracle for SciTransfer.Quantum tests.
// Reads a JSON array of circuits from stdin:
//   [{ "qubits": n, "gates": [{ "name": "RX", "targets": [t], "controls": [c...], "angles": [a...] }, ...] }, ...]
// runs each on the Microsoft QDK simulator (npm qsharp-lang, Q# compiled to wasm), and prints a JSON
// array of amplitude lists, each [[re, im], ...] indexed little-endian (qubit k = bit k).
// DumpMachine labels are big-endian (qubit 0 leftmost) and list only non-zero amplitudes; both are
// converted here. U3 is emitted as R1-corrected Rz.Ry.Rz so that its controlled form is exact.
import { getCompiler, loadWasmModule, QscEventTarget } from "qsharp-lang";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const wasmPath = fileURLToPath(new URL("./node_modules/qsharp-lang/lib/web/qsc_wasm_bg.wasm", import.meta.url));
await loadWasmModule(readFileSync(wasmPath));
const compiler = await getCompiler();

const num = (x) => {
  if (!Number.isFinite(x)) throw new Error(`angle ${x} is not finite`);
  const s = x.toExponential(17); // e.g. 1.23e+0 -> Q# accepts 1.23e0 / 1.23e-5
  return s.replace("e+", "e");
};

function gateCode(g) {
  const q = (i) => `q[${i}]`;
  const t = g.targets.map(q);
  const c = (g.controls ?? []).map(q);
  const a = (g.angles ?? []).map(num);
  const call = (op, args) => (c.length === 0 ? `${op}(${args.join(", ")});` : `Controlled ${op}([${c.join(", ")}], (${args.join(", ")}));`);
  switch (g.name) {
    case "X": case "Y": case "Z": case "H": case "S": case "T": return call(g.name, [t[0]]);
    case "Sdg": return call("Adjoint S", [t[0]]);
    case "Tdg": return call("Adjoint T", [t[0]]);
    case "RX": return call("Rx", [a[0], t[0]]);
    case "RY": return call("Ry", [a[0], t[0]]);
    case "RZ": return call("Rz", [a[0], t[0]]);
    case "Phase": return call("R1", [a[0], t[0]]);
    case "U3": {
      // U3(theta, phi, lambda) = e^{i(phi+lambda)/2} Rz(phi) Ry(theta) Rz(lambda)
      const [th, ph, la] = g.angles;
      let code = call("Rz", [num(la), t[0]]) + " " + call("Ry", [num(th), t[0]]) + " " + call("Rz", [num(ph), t[0]]);
      const phase = num((ph + la) / 2);
      if (c.length === 0) return code; // global phase only
      if (c.length === 1) return code + ` R1(${phase}, ${c[0]});`;
      return code + ` Controlled R1([${c.slice(1).join(", ")}], (${phase}, ${c[0]}));`;
    }
    case "Swap": return call("SWAP", [t[0], t[1]]);
    case "IsingXX": return call("Rxx", [a[0], t[0], t[1]]);
    case "IsingYY": return call("Ryy", [a[0], t[0], t[1]]);
    case "IsingZZ": return call("Rzz", [a[0], t[0], t[1]]);
    default: throw new Error(`oracle: gate ${g.name} has no Q# form here`);
  }
}

async function run(circuit) {
  const n = circuit.qubits;
  const body = circuit.gates.map(gateCode).join("\n        ");
  const code = `namespace Oracle {
    @EntryPoint()
    operation Main() : Unit {
        use q = Qubit[${n}];
        ${body}
        Std.Diagnostics.DumpMachine();
        ResetAll(q);
    }
}`;
  const events = new QscEventTarget(true);
  await compiler.run({ sources: [["oracle.qs", code]], languageFeatures: [] }, "", 1, events);
  const result = events.getResults()[0];
  if (!result.success) throw new Error(`Q# run failed: ${JSON.stringify(result.result).slice(0, 500)}`);
  const dump = result.events.find((e) => e.type === "DumpMachine");
  const amps = Array.from({ length: 1 << n }, () => [0, 0]);
  for (const [label, value] of Object.entries(dump.state)) {
    const bits = label.replace(/[|⟩]/g, "");
    let index = 0;
    for (let k = 0; k < bits.length; k++) if (bits[k] === "1") index |= 1 << k; // char k is qubit k
    amps[index] = value;
  }
  return amps;
}

const input = JSON.parse(readFileSync(0, "utf8"));
const out = [];
for (const c of input) out.push(await run(c));
process.stdout.write(JSON.stringify(out));
