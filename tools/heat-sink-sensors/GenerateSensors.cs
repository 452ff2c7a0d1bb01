#:project ../../src/SciTransfer.HeatSink/SciTransfer.HeatSink.csproj
// Regenerates datasets/heat-sink/sodium-sensors.csv and sodium-reference.csv (docs/heat-sink.md, "Your own data"):
//   dotnet run tools/heat-sink-sensors/GenerateSensors.cs -- datasets/heat-sink
// Stand-in for a measured sodium heat sink: the finite-volume field of the default cell (aluminium, l = 1 mm) at a
// Biot number 0.6 x the Lyon value (small-channel liquid-metal Nu sits below the tube correlations), on a fine grid
// (32 cells per l); 40 thermocouples at random solid positions in kelvin (T_f = 600 K, q'' = 5 MW/m^2, 0.1 K noise)
// and a reference field (theta at the solid cell centres of a 16-per-l grid, no noise).
using System.Globalization;
using SciTransfer.Core.Random;
using SciTransfer.HeatSink;
using SciTransfer.HeatSink.Physics;
using SciTransfer.HeatSink.Solver;

string dir = args.Length > 0 ? args[0] : ".";
var geometry = HeatSinkGeometry.Default;
const double L = 1e-3, Ks = 237, Tf = 600, Q = 5e6, NoiseK = 0.1;
double lyonBiot = new HeatSinkDesign(geometry, L, Ks, Fluid.Sodium, 1000).Biot;
var truth = HeatSinkSolver.Solve(new HeatSinkCase(geometry, 0.6 * lyonBiot), 32).Field;
double kPerTheta = Q * L / Ks;
var rng = new Rng(20261205);
using (var w = new StreamWriter(Path.Combine(dir, "sodium-sensors.csv")))
{
    w.WriteLine("x_m,y_m,temperature_K");
    for (int k = 0; k < 40;)
    {
        double x = rng.Uniform(0, geometry.HalfPitch), y = rng.Uniform(0, geometry.Height);
        if (!geometry.Contains(x, y))
        {
            continue;
        }

        double t = Tf + (truth.Sample(x, y) * kPerTheta) + (NoiseK * rng.Normal());
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{x * L:G6},{y * L:G6},{t:F3}"));
        k++;
    }
}

var grid = HeatSinkSolver.Grid(geometry, 16);
using (var w = new StreamWriter(Path.Combine(dir, "sodium-reference.csv")))
{
    w.WriteLine("x,y,theta");
    for (int j = 0; j < grid.Ny; j++)
    {
        for (int i = 0; i < grid.Nx; i++)
        {
            if (grid.IsSolid(i, j))
            {
                w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{grid.CentreX(i):G6},{grid.CentreY(j):G6},{truth.Sample(grid.CentreX(i), grid.CentreY(j)):G6}"));
            }
        }
    }
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Lyon Bi {lyonBiot:G4}, truth Bi {0.6 * lyonBiot:G4}, {kPerTheta:G4} K per theta"));
