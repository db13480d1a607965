using Microsoft.Extensions.Logging;

namespace Slican.Cti.Testing.Tests;

/// <summary>Counts error-level log entries (a handler that threw), so tests can assert there were none.</summary>
internal sealed class ErrorCountingLoggerFactory : ILoggerFactory, ILogger
{
    private int _errors;

    public int Errors => Volatile.Read(ref _errors);

    public List<string> Messages { get; } = [];

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel >= LogLevel.Error)
        {
            Interlocked.Increment(ref _errors);
            lock (Messages)
            {
                Messages.Add(formatter(state, exception) + " " + exception);
            }
        }
    }
}
