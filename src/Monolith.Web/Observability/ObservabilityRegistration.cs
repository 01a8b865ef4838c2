using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Formatting.Compact;

namespace Monolith.Web.Observability;

public static class ObservabilityRegistration
{
    /// <summary>Response header carrying the request's trace id, which the request log line and error pages show too.</summary>
    public const string TraceIdHeader = "X-Trace-Id";

    private const string TextTemplate =
        "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder)
    {
        var options = ReadOptions(builder.Configuration);
        var role = RoleName(builder.Configuration);
        AddLogging(builder, ConfigurationEnums.Read(builder.Configuration, "Observability:LogFormat", LogFormat.Json, "Json or Text"), role);

        builder.Services.AddOptions<ObservabilityOptions>().BindConfiguration(ObservabilityOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ObservabilityOptions>, ObservabilityOptionsValidator>();
        builder.Services.AddHealthChecks();
        builder.Services.PostConfigure<HealthCheckServiceOptions>(health =>
        {
            foreach (var check in health.Registrations.Where(check => check.Timeout == Timeout.InfiniteTimeSpan))
            {
                check.Timeout = TimeSpan.FromSeconds(options.HealthCheckTimeoutSeconds);
            }
        });

        if (options.ManagementPort is > 0 and <= 65535)
        {
            KestrelAddresses.AddManagementPort(
                builder, options.ManagementPort, publicToo: AppRoles.Read(builder.Configuration).ServesPages());
            builder.Services.AddSingleton<Microsoft.AspNetCore.Routing.MatcherPolicy, ManagementPortPolicy>();
        }

        Telemetry.Add(builder, options, role);
        return builder;
    }

    /// <summary>
    /// The response's <c>X-Trace-Id</c> header, then one log line per request (method, path, status,
    /// elapsed ms, and the exception if one escaped); probes and scrapes are left out.
    /// </summary>
    public static WebApplication UseObservability(this WebApplication app)
    {
        // Set as the response starts: a cached page's stored headers must not replace this request's id.
        app.Use((context, next) =>
        {
            context.Response.OnStarting(AddTraceIdHeader, context);
            return next(context);
        });
        var logger = app.Services.GetRequiredService<Serilog.ILogger>(); // the app's, not the static one: tests run several hosts
        var directWriter = RequestLineWriter.For(app.Services, app.Configuration);
        app.Use(next => new RequestLogMiddleware(next, logger, directWriter).InvokeAsync);
        return app;
    }

    internal static string RoleName(IConfiguration configuration) =>
        AppRoles.Read(configuration).ToString().ToLowerInvariant();

    private static Task AddTraceIdHeader(object state)
    {
        var context = (HttpContext)state;
        if (context.Features.Get<IHttpActivityFeature>()?.Activity is { } activity)
        {
            context.Response.Headers[TraceIdHeader] = activity.TraceId.ToHexString();
        }

        return Task.CompletedTask;
    }

    private static void AddLogging(WebApplicationBuilder builder, LogFormat format, string role)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<Serilog.Core.ILogEventEnricher, RequestLogEnricher>();
        builder.Services.AddSingleton<Serilog.Core.ILogEventFilter, RethrownExceptionFilter>();
        if (format == LogFormat.Json)
        {
            builder.Services.AddSingleton(_ => new BatchedStdoutSink(new RenderedCompactJsonFormatter()));
        }

        builder.Services.AddSerilog(
            (services, logger) =>
            {
                logger.ReadFrom.Configuration(builder.Configuration)
                    .ReadFrom.Services(services)
                    .Enrich.FromLogContext()
                    .Enrich.With(new AppPropertiesEnricher(role))
                    // The command runner reports these as one line naming the key or host; no stack trace.
                    .Filter.ByExcluding(e => e.Exception is StartupException);
                // Requests hand events to one writer thread instead of writing (or queueing on the console's
                // lock) themselves; when its buffer is full they wait rather than drop events. The host
                // flushes it on shutdown. JSON goes out in batches, one write per batch instead of per line.
                if (format == LogFormat.Json)
                {
                    logger.WriteTo.Sink(services.GetRequiredService<BatchedStdoutSink>());
                }
                else
                {
                    logger.WriteTo.Async(
                        console => console.Console(outputTemplate: TextTemplate, formatProvider: null),
                        blockWhenFull: true);
                }
            },
            preserveStaticLogger: true);
    }

    // Read now (not only through IOptions) because the listeners and the logger are set up before the
    // container exists; the options validator reports values out of range.
    private static ObservabilityOptions ReadOptions(ConfigurationManager configuration)
    {
        try
        {
            return configuration.GetSection(ObservabilityOptions.Section).Get<ObservabilityOptions>() ?? new();
        }
        catch (InvalidOperationException e)
        {
            throw new StartupException(e.Message);
        }
    }
}
