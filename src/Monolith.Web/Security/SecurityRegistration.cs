using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Monolith.Web.Security;

public static class SecurityRegistration
{
    /// <summary>
    /// Forwarded headers from trusted proxies, HTTPS redirection and HSTS outside Development,
    /// security headers on every response, antiforgery on every MVC form post, request body limits.
    /// </summary>
    public static WebApplicationBuilder AddSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>();

        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<SecurityOptions>>(
            (forwarded, security) => TrustProxies(forwarded, security.Value));
        services.AddOptions<HstsOptions>().Configure<IOptions<SecurityOptions>>((hsts, security) =>
        {
            hsts.MaxAge = TimeSpan.FromDays(security.Value.HstsMaxAgeDays);
            hsts.IncludeSubDomains = false; // other subdomains may not serve HTTPS; opt in when they all do
        });
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<SecurityOptions>>(
            (kestrel, security) => kestrel.Limits.MaxRequestBodySize = security.Value.MaxRequestBodyBytes);
        services.AddOptions<FormOptions>().Configure<IOptions<SecurityOptions>>(
            (form, security) => form.MultipartBodyLengthLimit = security.Value.MaxRequestBodyBytes);

        // Razor Pages check antiforgery tokens on their own; this does it for every MVC POST, PUT and DELETE.
        services.Configure<MvcOptions>(mvc => mvc.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()));
        services.Configure<AntiforgeryOptions>(antiforgery => antiforgery.SuppressXFrameOptionsHeader = true);
        return builder;
    }

    /// <summary>First in the pipeline: the real client address and scheme, then the headers every response carries.</summary>
    public static WebApplication UseSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        var maxBody = app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.MaxRequestBodyBytes;
        app.Use((context, next) =>
        {
            context.Response.OnStarting(AddSecurityHeaders, context.Response);
            // Kestrel stops reading at the limit too, but a declared length over it is refused up front,
            // before a form reader or the antiforgery check turns the failure into a 400.
            if (context.Request.ContentLength > maxBody)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return Task.CompletedTask;
            }

            return next(context);
        });
        if (!app.Environment.IsDevelopment())
        {
            // HSTS is sent only on HTTPS requests. Redirection needs to know the HTTPS port (an https
            // endpoint or HTTPS_PORT); a plain-HTTP app behind a TLS-terminating proxy is left alone.
            app.UseHsts();
            if (KnowsHttpsPort(app.Configuration))
            {
                app.UseHttpsRedirection();
            }
        }

        return app;
    }

    // Static with the response as state: no closure allocated per request.
    private static Task AddSecurityHeaders(object response)
    {
        SecurityHeaders.Add(((HttpResponse)response).Headers);
        return Task.CompletedTask;
    }

    private static bool KnowsHttpsPort(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration["https_port"])
        || (configuration["urls"] ?? "").Contains("https://", StringComparison.OrdinalIgnoreCase)
        || configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Any(endpoint => (endpoint["Url"] ?? "").StartsWith("https://", StringComparison.OrdinalIgnoreCase));

    private static void TrustProxies(ForwardedHeadersOptions forwarded, SecurityOptions security)
    {
        forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        foreach (var proxy in security.TrustedProxies)
        {
            forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        foreach (var network in security.TrustedNetworks)
        {
            forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }
    }
}
