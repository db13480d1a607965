// The client inside a .NET Generic Host: options from configuration (section "SlicanCti"), logging from the host,
// a background service that pops incoming callers. Without SlicanCti:Host it starts the in-process emulator;
// --demo then rings extension 201 once and stops after the screen pop.
return await HostedServiceSample.SampleApp.RunAsync(args, CancellationToken.None);
