#:project ../../src/SciTransfer.HeatSink/SciTransfer.HeatSink.csproj
// Diagnostics of the physics-only sodium PINN (docs/heat-sink.md, "Accuracy"):
//   dotnet run tools/heat-sink-accuracy/Diagnose.cs -- fv            grid convergence of the finite-volume reference
//   dotnet run tools/heat-sink-accuracy/Diagnose.cs -- train [k=v..] a physics-only PINN on the default sodium case,
//       its error over time, where the error sits (base, fin, fin-root corner) and the process CPU time.
//       Keys: steps lr decay interior boundary resample fresh lbfgs lbfgsinterior lbfgsboundary hidden seed grid every;
//       corner=1 adds the fin-root term (inner, outer radii; c0 start, cfrozen=1 keeps c out of Adam, cscale step
//       scale, est=K re-estimates c every K steps at radius rho, estmode=1 the network-part variant, estmode=2 the reciprocity integral).
//   dotnet run tools/heat-sink-accuracy/Diagnose.cs -- corner        the corner coefficient of the reference field.
using System.Diagnostics;
using System.Globalization;
using SciTransfer.Core.Random;
using SciTransfer.HeatSink;
using SciTransfer.HeatSink.Nn;
using SciTransfer.HeatSink.Physics;
using SciTransfer.HeatSink.Pinn;
using SciTransfer.HeatSink.Solver;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var g = HeatSinkGeometry.Default;
double biot = new HeatSinkDesign(g, 1e-3, 237, Fluid.Sodium, 1000).Biot;
var kv = args.Skip(1).Select(a => a.Split('=')).ToDictionary(p => p[0], p => p[1]);
double Num(string k, double d) => kv.TryGetValue(k, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : d;
Console.WriteLine($"Bi = {biot:G6}");
string mode = args.Length > 0 ? args[0] : "fv";
if (mode == "fv")
{
    // Cell-average restriction of the h/2 solution onto the h grid (exact for cell averages), L2 over solid cells.
    int[] cs = [8, 16, 32, 64, 128, 256];
    var sols = cs.Select(c => HeatSinkSolver.Solve(new HeatSinkCase(g, biot), c, 1e-13)).ToArray();
    var finest = sols[^1].Field;
    double prev = double.NaN;
    for (int s = 0; s < cs.Length - 1; s++)
    {
        var a = sols[s].Field;
        var b = sols[s + 1].Field;
        double num = 0, dd = 0, numF = 0;
        int f = (int)Math.Round(finest.Grid.Nx / (double)a.Grid.Nx);
        for (int j = 0; j < a.Grid.Ny; j++)
        {
            for (int i = 0; i < a.Grid.Nx; i++)
            {
                if (!a.Grid.IsSolid(i, j)) continue;
                double avg = (b.At(2 * i, 2 * j) + b.At(2 * i + 1, 2 * j) + b.At(2 * i, 2 * j + 1) + b.At(2 * i + 1, 2 * j + 1)) / 4;
                double avgF = 0;
                for (int q = 0; q < f; q++) for (int p = 0; p < f; p++) avgF += finest.At(f * i + p, f * j + q);
                avgF /= f * f;
                num += (a.At(i, j) - avg) * (a.At(i, j) - avg);
                numF += (a.At(i, j) - avgF) * (a.At(i, j) - avgF);
                dd += avg * avg;
            }
        }
        double e = Math.Sqrt(num / dd);
        Console.WriteLine($"cells/l {cs[s],4} vs {cs[s + 1],4}: rel L2 diff {e:E3}  order {(double.IsNaN(prev) ? double.NaN : Math.Log2(prev / e)):F2}  vs {cs[^1]}: {Math.Sqrt(numF / dd):E3}  peak {sols[s].PeakTheta:F6} eff {sols[s].FinEfficiency:F5} in-out {sols[s].HeatIn - sols[s].HeatOut:E2}");
        prev = e;
    }
    Console.WriteLine($"cells/l {cs[^1]}: peak {sols[^1].PeakTheta:F6}");
    return;
}

if (mode == "corner")
{
    // Coefficient of r^(2/3) cos(2 phi/3) in the reference field by projection on circles about the fin root.
    foreach (int c in new[] { 64, 128, 256 })
    {
        var f = HeatSinkSolver.Solve(new HeatSinkCase(g, biot), c, 1e-13).Field;
        Console.WriteLine($"cells/l {c}: " + string.Join("  ", new[] { 0.05, 0.1, 0.15, 0.2, 0.3 }.Select(rho => $"rho {rho}: c {CornerEnrichment.EstimateCoefficient(f.Sample, g.FinHalfThickness, g.BaseThickness, rho):F4}")));
        // Reciprocity integral (docs/heat-sink.md): mirrored samples, one-cell differences (one-sided next to the fluid).
        double h = f.Grid.Dx;
        double U(double x, double y) => f.Sample(Math.Abs(x), y);
        double D(double m, double cc, double p) => double.IsNaN(p) ? (cc - m) / h : double.IsNaN(m) ? (p - cc) / h : (p - m) / (2 * h);
        (double, double, double) Field(double x, double y) => (U(x, y), D(U(x - h, y), U(x, y), U(x + h, y)), D(U(x, y - h), U(x, y), U(x, y + h)));
        Console.WriteLine($"cells/l {c} reciprocal: " + string.Join("  ", new[] { 0.05, 0.1, 0.2, 0.3, 0.4, 0.45 }.Select(rho => $"R {rho}: c {ReciprocalCornerIntegral.Estimate(Field, (x, y) => -biot * U(x, y), g.FinHalfThickness, g.BaseThickness, rho):F4}")));
    }

    return;
}

// train
var proc = Process.GetCurrentProcess();
var cpu0 = proc.TotalProcessorTime;
int grid = (int)Num("grid", 64);
var reference = HeatSinkSolver.Solve(new HeatSinkCase(g, biot), grid, 1e-13);
var probe = new FieldProbe(reference);
int[] hidden = kv.TryGetValue("hidden", out var hs) ? hs.Split(',').Select(int.Parse).ToArray() : [24, 24, 24];
var net = new FieldMlp([2, .. hidden, 1], [g.HalfPitch / 2, g.Height / 2], [g.HalfPitch / 2, g.Height / 2], Num("mirror", 1) > 0 ? g.HalfPitch : 0);
net.Initialise(new Rng((ulong)Num("seed", 1)));
if (Num("corner", 0) > 0)
{
    // The singular fin-root term u = NN + c S (trainable c), as the corner_enrichment option of the problem.
    net.Enrich(new CornerEnrichment(g.FinHalfThickness, g.BaseThickness, Num("inner", 0.1), Num("outer", 0.45)) { CoefficientScale = Num("cscale", 1), C = Num("c0", 0) });
    net.Enrichment!.Coefficient.Frozen = Num("cfrozen", 0) > 0;
}
var task = new PinnTask(new HeatSinkCase(g, biot), SensorData.Empty);
var opts = new PinnTrainingOptions
{
    Steps = (int)Num("steps", 1500), LearningRate = Num("lr", 3e-3), LearningRateDecay = Num("decay", 0.3),
    InteriorPoints = (int)Num("interior", 256), BoundaryPoints = (int)Num("boundary", 48), ResampleEvery = (int)Num("resample", 250),
    LbfgsSteps = (int)Num("lbfgs", 0), EvalEvery = 100000,
};
var rng = new Rng(7);
var sets = PinnConstraints.Build(task, opts.InteriorPoints, opts.BoundaryPoints, rng);
double[] w = [Num("wpde", 1), Num("wbase", 1), Num("wsym", 1), Num("wrobin", 1)];
var ws0 = new MlpWorkspace();
var grads = sets.Select(_ => new double[net.ParameterCount]).ToList();
var res = sets.Select(s => new double[s.Count]).ToList();
var losses = new double[sets.Count];
var total = new double[net.ParameterCount];
var adam = new SciTransfer.Core.Optim.Adam(net.Parameters, opts.LearningRate);
int every = (int)Num("every", 1000);
var sw = Stopwatch.StartNew();
void Report(int step)
{
    Console.WriteLine($"step {step,6}: rel L2 {probe.RelativeL2(net, task):E3} terms {string.Join(" ", losses.Select((l, k) => $"{sets[k].Name} {l:E2}"))} c {(net.Enrichment?.C ?? double.NaN):F4} cpu {(proc.TotalProcessorTime - cpu0).TotalSeconds:F1}s wall {sw.Elapsed.TotalSeconds:F1}s");
}
double Combine()
{
    Array.Clear(total);
    double l = 0;
    for (int k = 0; k < sets.Count; k++)
    {
        l += w[k] * losses[k];
        for (int i = 0; i < total.Length; i++) total[i] += w[k] * grads[k][i];
    }
    return l;
}
for (int step = 0; step < opts.Steps; step++)
{
    PinnTrainer.Evaluate(net, sets, ws0, res, losses, grads);
    if (step % every == 0) Report(step);
    Combine();
    adam.LearningRate = opts.LearningRate * Math.Pow(opts.LearningRateDecay, step / (double)Math.Max(1, opts.Steps - 1));
    net.SetGradients(total);
    adam.Step();
    int est = (int)Num("est", 0);
    if (est > 0 && (step + 1) % est == 0 && step + 1 < Num("estuntil", 1e9))
    {
        net.Enrichment!.C = Num("estmode", 0) switch
        {
            2 => CornerCoefficient.Reciprocal(net, Num("rho", 0.2), task.Case.Biot, task.ThetaOffset / task.ThetaScale, ws0),
            > 0 => CornerCoefficient.Transfer(net, Num("rho", 0.2), ws0),
            _ => CornerCoefficient.Estimate(net, Num("rho", 0.2), ws0),
        };
    }

    int fresh = (int)Num("fresh", 0);
    if (fresh > 0 && (step + 1) % fresh == 0 && step + 1 < opts.Steps)
    {
        sets = PinnConstraints.Build(task, opts.InteriorPoints, opts.BoundaryPoints, rng);
    }
    else if (opts.ResampleEvery > 0 && (step + 1) % opts.ResampleEvery == 0)
    {
        sets[0] = PinnConstraints.Pde(PinnTrainer.AdaptiveInterior(net, g, opts.InteriorPoints, opts.AdaptiveFraction, rng, ws0), 1.0);
        res[0] = new double[sets[0].Count];
    }
}
PinnTrainer.Evaluate(net, sets, ws0, res, losses, grads);
Report(opts.Steps);
if (opts.LbfgsSteps > 0)
{
    if (Num("lbfgsinterior", 0) > 0)
    {
        // L-BFGS on a larger fixed point set than Adam's fresh sets.
        sets = PinnConstraints.Build(task, (int)Num("lbfgsinterior", 0), (int)Num("lbfgsboundary", 0), rng);
        res = sets.Select(s => new double[s.Count]).ToList();
    }

    var lb = new SciTransfer.Core.Optim.Lbfgs(net.Parameters);
    double Closure()
    {
        PinnTrainer.Evaluate(net, sets, ws0, res, losses, grads);
        double l = Combine();
        net.SetGradients(total);
        return l;
    }
    for (int it = 0; it < opts.LbfgsSteps; it += every / 10)
    {
        var r = lb.Minimize(Closure, every / 10);
        Report(opts.Steps + it + r.Iterations);
        if (r.Reason != SciTransfer.Core.Optim.LbfgsStop.MaxIterations) { Console.WriteLine(r.Reason); break; }
    }
}

// Heat budget of the network: heat in through the base, out through the wetted walls, and the integral of
// lap(theta) (a spurious source/sink) by region, midpoint rule on a fine grid.
{
    int m = (int)Num("quad", 400);
    double h = 1.0 / m;
    var wsq = new MlpWorkspace();
    double Line(double x0, double y0, double x1, double y1, Func<double, double, double, double, double> f)
    {
        double len = Math.Abs(x1 - x0) + Math.Abs(y1 - y0);
        int n = (int)Math.Round(len * m);
        var pts = new double[2 * n];
        for (int i = 0; i < n; i++) { double t = (i + 0.5) / n; pts[2 * i] = x0 + t * (x1 - x0); pts[2 * i + 1] = y0 + t * (y1 - y0); }
        net.Forward(pts, n, DerivativeOrder.Gradient, wsq);
        double sum = 0;
        for (int i = 0; i < n; i++) sum += f(task.Theta(wsq.Output[i]), wsq.Output[n + i], wsq.Output[2 * n + i], 0);
        return sum * len / n;
    }
    double qin = Line(0, 0, g.HalfPitch, 0, (t, ux, uy, _) => -uy);
    double qout = Line(g.FinHalfThickness, g.BaseThickness, g.HalfPitch, g.BaseThickness, (t, ux, uy, _) => biot * t)
        + Line(g.FinHalfThickness, g.BaseThickness, g.FinHalfThickness, g.Height, (t, ux, uy, _) => biot * t)
        + Line(0, g.Height, g.FinHalfThickness, g.Height, (t, ux, uy, _) => biot * t);
    var ptsL = new List<double>();
    for (int j = 0; j < (int)Math.Round(g.Height * m); j++)
        for (int i = 0; i < (int)Math.Round(g.HalfPitch * m); i++)
        {
            double x = (i + 0.5) * h, y = (j + 0.5) * h;
            if (g.Contains(x, y)) { ptsL.Add(x); ptsL.Add(y); }
        }
    int nl = ptsL.Count / 2;
    net.Forward(ptsL.ToArray(), nl, DerivativeOrder.Laplacian, wsq);
    double all = 0, near05 = 0, near15 = 0, lapSq = 0;
    for (int i = 0; i < nl; i++)
    {
        double x = ptsL[2 * i], y = ptsL[2 * i + 1], lap = wsq.Output[3 * nl + i];
        double r = Math.Sqrt((x - g.FinHalfThickness) * (x - g.FinHalfThickness) + (y - g.BaseThickness) * (y - g.BaseThickness));
        all += lap * h * h; lapSq += lap * lap * h * h;
        if (r < 0.05) near05 += lap * h * h;
        if (r < 0.15) near15 += lap * h * h;
    }
    // Robin residual d(theta)/dn + Bi theta along the wetted walls, by distance to the fin-root corner.
    foreach (var (name, x0, y0, x1, y1, nx, ny) in new[] { ("base top", g.FinHalfThickness, g.BaseThickness, g.HalfPitch, g.BaseThickness, 0, 1), ("fin side", g.FinHalfThickness, g.BaseThickness, g.FinHalfThickness, g.Height, 1, 0), ("fin tip", 0.0, g.Height, g.FinHalfThickness, g.Height, 0, 1) })
    {
        double[] bands = [0.02, 0.05, 0.1, 0.2, 0.5, 10];
        var sq = new double[bands.Length]; var cnt = new int[bands.Length];
        double len = Math.Abs(x1 - x0) + Math.Abs(y1 - y0);
        int n = (int)Math.Round(len * m);
        var pts = new double[2 * n];
        for (int i = 0; i < n; i++) { double t = (i + 0.5) / n; pts[2 * i] = x0 + t * (x1 - x0); pts[2 * i + 1] = y0 + t * (y1 - y0); }
        net.Forward(pts, n, DerivativeOrder.Gradient, wsq);
        for (int i = 0; i < n; i++)
        {
            double r = Math.Sqrt(Math.Pow(pts[2 * i] - g.FinHalfThickness, 2) + Math.Pow(pts[2 * i + 1] - g.BaseThickness, 2));
            double rr = nx * wsq.Output[n + i] + ny * wsq.Output[2 * n + i] + biot * task.Theta(wsq.Output[i]);
            int b = Array.FindIndex(bands, e => r < e);
            sq[b] += rr * rr; cnt[b]++;
        }
        Console.WriteLine($"robin residual RMS on {name}: " + string.Join("  ", bands.Select((e, b) => $"r<{e}: {(cnt[b] > 0 ? Math.Sqrt(sq[b] / cnt[b]) : double.NaN):E2}")));
    }
    Console.WriteLine($"PINN heat budget: in (base) {qin:F5}  out (wetted) {qout:F5}  integral lap theta {all:F5} (r<0.05 of the corner: {near05:F5}, r<0.15: {near15:F5})  mean lap^2 {lapSq / g.Area:E3}");
}

// Where the error sits.
var pred = probe.Predict(net, task);
var regions = new (string, Func<double, double, bool>)[]
{
    ("base y<0.5", (x, y) => y < g.BaseThickness),
    ("fin y>0.5", (x, y) => y > g.BaseThickness),
    ("corner r<0.15", (x, y) => Math.Sqrt(((x - g.FinHalfThickness) * (x - g.FinHalfThickness)) + ((y - g.BaseThickness) * (y - g.BaseThickness))) < 0.15),
    ("fin side x>0.2,y>0.5", (x, y) => x > 0.2 && y > g.BaseThickness),
    ("fin tip y>2", (x, y) => y > 2.0),
};
double den = probe.Theta.Sum(t => t * t);
double tot = 0;
for (int i = 0; i < pred.Length; i++) tot += (pred[i] - probe.Theta[i]) * (pred[i] - probe.Theta[i]);
foreach (var (name, f) in regions)
{
    double num = 0; int n = 0; double bias = 0;
    for (int i = 0; i < pred.Length; i++)
    {
        if (!f(probe.Points[2 * i], probe.Points[2 * i + 1])) continue;
        double e = pred[i] - probe.Theta[i];
        num += e * e; bias += e; n++;
    }
    Console.WriteLine($"{name,-22} cells {n,5}  share of squared error {num / tot:P1}  rel contrib {Math.Sqrt(num / den):E2}  mean err {bias / n:E2}");
}
// Error profile along the fin mid-plane and across the base.
foreach (double y in new[] { 0.05, 0.25, 0.45, 0.6, 1.0, 1.5, 2.0, 2.45 })
{
    double x = 0.1;
    var ws = new MlpWorkspace();
    net.Forward([x, y], 1, DerivativeOrder.Value, ws);
    Console.WriteLine($"x {x} y {y}: pinn {task.Theta(ws.Output[0]):F5} fv {reference.Field.Sample(x, y):F5}");
}
