namespace SciTransfer.Epidemiology.Simulation;

/// <summary>A simulated county and its static covariates.</summary>
/// <param name="Fips">Five-digit FIPS code (state code * 1000 + county number).</param>
/// <param name="Name">County name.</param>
/// <param name="State">State name.</param>
/// <param name="StateIndex">0-based state index.</param>
/// <param name="Population">Population N.</param>
/// <param name="Latitude">Latitude (degrees).</param>
/// <param name="Longitude">Longitude (degrees).</param>
/// <param name="LogDensity">Natural log of people per km^2.</param>
/// <param name="Vulnerability">Social vulnerability index in [0, 1] (raises transmission).</param>
/// <param name="ReportingFactor">County multiplier of the state's testing rate (ascertainment).</param>
public sealed record CountyInfo(
    string Fips,
    string Name,
    string State,
    int StateIndex,
    int Population,
    double Latitude,
    double Longitude,
    double LogDensity,
    double Vulnerability,
    double ReportingFactor);
