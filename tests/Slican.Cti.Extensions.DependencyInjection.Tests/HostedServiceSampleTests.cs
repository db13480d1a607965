namespace Slican.Cti.Extensions.DependencyInjection.Tests;

public sealed class HostedServiceSampleTests
{
    [Fact]
    public async Task The_sample_pops_the_demo_caller_with_the_matched_contact_and_exits_0()
    {
        var pops = new List<string>();
        int exitCode = await HostedServiceSample.SampleApp.RunAsync(["--demo"], CancellationToken.None, text => { lock (pops) pops.Add(text); })
            .WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, exitCode);
        Assert.Equal(["0612345678: Jan Kowalski, Kowalski Sp. z o.o."], pops);
    }
}
