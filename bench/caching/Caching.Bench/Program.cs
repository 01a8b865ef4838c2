using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Monolith.Bench.Caching;

// micro REDIS            BenchmarkDotNet: L1 hit; L2 hit against a raw StackExchange.Redis GET
// propagation REDIS N    invalidation latency between this process and a child process
// listen REDIS PREFIX    (the child of propagation)
// bare PORT FILE         a bare Kestrel endpoint answering FILE's bytes, the wrk baseline
return args switch
{
    ["micro", var redis] => RunMicro(redis),
    ["propagation", var redis, var count] => await Propagation.MeasureAsync(redis, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture)),
    ["listen", var redis, var prefix] => await Propagation.ListenAsync(redis, prefix),
    ["bare", var port, var file] => await BareEndpoint.RunAsync(port, file),
    _ => Usage(),
};

static int RunMicro(string redis)
{
    Environment.SetEnvironmentVariable(CacheBenchmarks.RedisVariable, redis);
    var config = ManualConfig.CreateMinimumViable()
        .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
        .AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default);
    BenchmarkRunner.Run<CacheBenchmarks>(config);
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: micro REDIS | propagation REDIS COUNT | bare PORT FILE (see run.sh)");
    return 2;
}
