using Microsoft.Extensions.Logging;

namespace Slican.Cti.Testing;

/// <summary>What every session and the world share.</summary>
internal sealed class PbxEmulatorContext
{
    public PbxEmulatorContext(PbxEmulatorOptions options, ILoggerFactory loggerFactory)
    {
        Options = options;
        LoggerFactory = loggerFactory;
        TimeProvider = options.TimeProvider;
        Ledger = new PbxLedger(options.LedgerCapacity, options.TimeProvider);
        Faults = new PbxFaults(this);
        World = new PbxWorld(this, options.World ?? PbxWorldData.CreateDefault());
    }

    public PbxEmulatorOptions Options { get; }

    public ILoggerFactory LoggerFactory { get; }

    public TimeProvider TimeProvider { get; }

    public PbxLedger Ledger { get; }

    public PbxFaults Faults { get; }

    public PbxWorld World { get; }

    private long _sessions;

    /// <summary>Numbers sessions per emulator (no process-wide state).</summary>
    public long NextSessionNumber() => Interlocked.Increment(ref _sessions);
}
