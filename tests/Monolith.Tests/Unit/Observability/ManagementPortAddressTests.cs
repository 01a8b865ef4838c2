using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Monolith.Web;
using Monolith.Web.Observability;

namespace Monolith.Tests.Unit.Observability;

/// <summary>The management port joins the public addresses however they were given; it never replaces them.</summary>
public sealed class ManagementPortAddressTests
{
    [Fact]
    public void Joins_the_urls_given_on_the_command_line()
    {
        Assert.Equal(["http://127.0.0.1:8080", "http://*:9090"], Urls("--urls", "http://127.0.0.1:8080"));
    }

    [Fact]
    public void Joins_the_ports_the_container_images_set()
    {
        Assert.Equal(["http://*:8080", "https://*:8443", "http://*:9091"],
            Urls("--http_ports", "8080", "--https_ports", "8443", "--Observability:ManagementPort", "9091"));
    }

    [Fact]
    public void Joins_kestrels_default_when_nothing_is_given()
    {
        Assert.Equal(["http://localhost:5000", "http://*:9090"], Urls());
    }

    [Fact]
    public void Joins_configured_kestrel_endpoints_as_one_more_endpoint()
    {
        var builder = Builder("--Kestrel:Endpoints:Web:Url", "http://0.0.0.0:8080");

        builder.AddObservability();

        Assert.Equal("http://*:9090", builder.Configuration["Kestrel:Endpoints:Management:Url"]);
        Assert.Equal("http://0.0.0.0:8080", builder.Configuration["Kestrel:Endpoints:Web:Url"]);
    }

    [Fact]
    public void Zero_turns_the_management_port_off()
    {
        Assert.Equal(["http://localhost:5000"], Urls("--Observability:ManagementPort", "0", "--urls", "http://localhost:5000"));
    }

    [Fact]
    public void A_management_port_that_is_also_public_stops_start_up_naming_the_key()
    {
        var error = Assert.Throws<StartupException>(() => Builder("--urls", "http://+:9090").AddObservability());

        Assert.StartsWith("Observability:ManagementPort 9090 is also a public address (http://+:9090)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_port_that_is_not_a_number_stops_start_up_naming_the_key()
    {
        var error = Assert.Throws<StartupException>(() => Builder("--Observability:ManagementPort", "metrics").AddObservability());

        Assert.Contains("Observability:ManagementPort", error.Message, StringComparison.Ordinal);
    }

    private static string[] Urls(params string[] args)
    {
        var builder = Builder(args);
        builder.AddObservability();
        return builder.Configuration[WebHostDefaults.ServerUrlsKey]?.Split(';') ?? [];
    }

    private static WebApplicationBuilder Builder(params string[] args) =>
        WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, EnvironmentName = "Production" });
}
