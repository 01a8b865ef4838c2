using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Monolith.Web.Observability;

public static class ObservabilityRegistration
{
    private const string TextTemplate =
        "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder)
    {
        var format = ReadLogFormat(builder.Configuration);
        builder.Services.AddSerilog(
            (services, logger) =>
            {
                logger.ReadFrom.Configuration(builder.Configuration)
                    .ReadFrom.Services(services)
                    .Enrich.FromLogContext()
                    // The command runner reports these as one line naming the key or host; no stack trace.
                    .Filter.ByExcluding(e => e.Exception is StartupException);
                if (format == LogFormat.Json)
                {
                    logger.WriteTo.Console(new RenderedCompactJsonFormatter());
                }
                else
                {
                    logger.WriteTo.Console(outputTemplate: TextTemplate, formatProvider: null);
                }
            },
            preserveStaticLogger: true);
        builder.Services.AddHealthChecks();
        return builder;
    }

    /// <summary>One line per request (method, path, status, elapsed ms); health probes are left out.</summary>
    public static WebApplication UseRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(options =>
        {
            // The app's own logger, not the static one: several hosts can share a process (tests).
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            options.GetLevel = (context, _, error) =>
                error is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error
                : HealthEndpoints.IsProbe(context.Request.Path) ? LogEventLevel.Verbose
                : LogEventLevel.Information;
        });
        return app;
    }

    // Read directly (not through IOptions) because the logger is configured before the container exists.
    private static LogFormat ReadLogFormat(ConfigurationManager configuration)
    {
        const string key = "Observability:LogFormat";
        var value = configuration[key];
        if (string.IsNullOrEmpty(value))
        {
            return LogFormat.Json;
        }

        return Enum.TryParse<LogFormat>(value, ignoreCase: true, out var format) && Enum.IsDefined(format)
            ? format
            : throw new StartupException($"{key} must be Json or Text, not '{value}'.");
    }
}
