using Slican.Cti.Protocol.Xctip;

namespace Slican.Cti.Protocol.Tests.Xctip;

public class SmokeTests
{
    [Fact]
    public void Dump()
    {
        foreach (var file in Fixture.XctipFiles())
        {
            var messages = Fixture.DecodeStream(Fixture.Bytes("xctip/" + file));
            foreach (var m in messages)
            {
                Console.WriteLine($"{file}: {m.Module}/{m.Name}: {m}");
            }
        }
    }
}
