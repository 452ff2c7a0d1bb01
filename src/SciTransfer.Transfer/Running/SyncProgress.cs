namespace SciTransfer.Transfer.Running;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls its handler synchronously on the reporting thread
/// (unlike <see cref="Progress{T}"/>, which posts to a synchronisation context or the thread pool).
/// </summary>
internal sealed class SyncProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
