using System.CommandLine;
using Slican.Cti.Cli;

var root = new RootCommand("slican-cti: tools for Slican PBX CTI (XCTIP on 5529/5543, CTIP on 5524).")
{
    DecodeCommand.Create(),
    EncodeCommand.Create(),
    EmulatorCommand.Create(),
    SnapshotCommand.Create(),
    CallCommand.Create(),
    WatchCommand.Create(), DialCommand.Create(), ChatCommand.Create(),
};

return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
