namespace SciTransfer.Quantum.Tests.Support;

/// <summary>A fact that needs node and the qsharp-lang package installed by <c>npm ci --prefix tools/qdk-oracle</c>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class QdkFactAttribute : FactAttribute
{
    public QdkFactAttribute()
    {
        if (RepoPaths.FindOnPath("node") is null)
        {
            Skip = "needs node (Node.js) on PATH for the QDK oracle";
        }
        else if (RepoPaths.Find("tools/qdk-oracle/node_modules/qsharp-lang/package.json") is null)
        {
            Skip = "needs the npm package qsharp-lang: run `npm ci --prefix tools/qdk-oracle`";
        }
    }
}
