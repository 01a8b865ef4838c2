using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Hangfire.Dashboard;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Monolith.Web.Data;

namespace Monolith.Web.Jobs;

public static class JobsRegistration
{
    public const string DashboardPath = "/admin/jobs";
    public const string DashboardPolicy = "JobsDashboard";

    public static WebApplicationBuilder AddJobs(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JobsOptions>, JobsOptionsValidator>();

        // Registered before AddHangfire so that each host has its own storage, filters and job activator
        // rather than Hangfire's process-wide statics (several hosts share a process in the tests).
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(JobStorageFactory.Create);
        services.AddScoped<IDatabaseSetupStep, JobSchemaSetup>();
        services.AddSingleton<JobMetrics>();
        services.AddSingleton<JobActivityFilter>();
        services.AddSingleton<IJobFilterProvider>(CreateFilters);
        // AddHangfire would hand every host the process-wide JobActivator.Current (the host configured last),
        // so a job could run with another host's services, e.g. write its email to that host's outbox.
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        services.AddAuthorizationBuilder().AddPolicy(DashboardPolicy, policy => policy.RequireRole(Accounts.Roles.Admin));

        var role = AppRoles.Read(builder.Configuration);
        if (role.RunsJobs())
        {
            AddWorkers(services, builder.Configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new());
        }

        return builder;
    }

    /// <summary>The Hangfire dashboard, for the Admin role only; read-only unless <c>Jobs:DashboardWritable</c>.</summary>
    public static WebApplication MapJobsDashboard(this WebApplication app)
    {
        if (!AppRoles.Read(app.Configuration).ServesPages())
        {
            return app;
        }

        var options = app.Services.GetRequiredService<IOptions<JobsOptions>>().Value;
        var writable = options.DashboardWritable ?? app.Environment.IsDevelopment();
        app.MapHangfireDashboardWithAuthorizationPolicy(DashboardPolicy, DashboardPath, new DashboardOptions
        {
            // The endpoint's policy decides (anonymous → sign-in, non-admin → 403); not Hangfire's local-only default.
            Authorization = [],
            IsReadOnlyFunc = _ => !writable,
            AppPath = "/",
            DashboardTitle = "Jobs",
            DisplayStorageConnectionString = false,
        });
        return app;
    }

    private static void AddWorkers(IServiceCollection services, JobsOptions options)
    {
        var servedQueues = JobQueues.All.Where(queue => options.WorkersFor(queue) > 0).ToList();
        foreach (var queue in servedQueues)
        {
            services.AddHangfireServer((_, server) =>
            {
                // One server per process runs the schedulers (recurring, delayed, expiration); the
                // others only run workers, which saves their threads, polling and start-up work.
                server.IsLightweightServer = queue != servedQueues[0];
                server.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:{queue}";
                server.Queues = [queue];
                server.WorkerCount = options.WorkersFor(queue);
                server.ShutdownTimeout = TimeSpan.FromSeconds(options.ShutdownTimeoutSeconds);
                server.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            });
        }

        services.AddHostedService<RecurringJobs>();
        // Running jobs get the grace period before the host gives up on them (then they are re-queued).
        services.Configure<HostOptions>(host =>
            host.ShutdownTimeout = TimeSpan.FromSeconds(options.ShutdownTimeoutSeconds + 5));
    }

    private static JobFilterCollection CreateFilters(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<JobsOptions>>().Value;
        var filters = new JobFilterCollection();
        object[] instances =
        [
            new AutomaticRetryAttribute
            {
                Attempts = options.RetryAttempts,
                DelaysInSeconds = options.RetryDelaysSeconds.Length > 0 ? options.RetryDelaysSeconds : null,
                OnAttemptsExceeded = AttemptsExceededAction.Fail,
                LogEvents = false, // JobActivityFilter logs retries and the final failure
            },
            new StatisticsHistoryAttribute(),
            new ContinuationsSupportAttribute(),
            services.GetRequiredService<JobActivityFilter>(),
        ];
        foreach (var filter in instances)
        {
            filters.Add(filter);
        }

        return filters;
    }
}
