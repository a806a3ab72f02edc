using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace VenvDoctor.Core.Tests.Support;

/// <summary>Keeps log lines in memory so a failing test can show what the service said.</summary>
public sealed class ListLogger<T> : ILogger<T>
{
    public static readonly ConcurrentQueue<string> Lines = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}");
}
