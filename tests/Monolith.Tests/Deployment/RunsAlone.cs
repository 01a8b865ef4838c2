namespace Monolith.Tests.Deployment;

/// <summary>
/// Tests that publish the app or start servers and tools: CPU-heavy on a small machine, so they run
/// after the others, one at a time, instead of starving other tests' start-up timeouts.
/// </summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone;
