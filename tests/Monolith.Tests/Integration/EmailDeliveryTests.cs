using System.Net;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monolith.Testing;
using Monolith.Tests.Infrastructure;
using Monolith.Web.Data;
using Monolith.Web.Email;
using netDumbster.smtp;

namespace Monolith.Tests.Integration;

/// <summary>Email through a real SMTP server on loopback, to the outbox without one, and kept when the server fails.</summary>
public sealed class EmailDeliveryTests : IDisposable
{
    private static readonly EmailMessage Welcome = new("ada@example.com", "Confirm your email", "<p>Please <a href='https://shop.example/confirm?code=a&amp;b'>confirm</a>.</p>");
    private readonly Outbox _outbox = new(Directory.CreateTempSubdirectory("app-outbox-").FullName);
    private readonly RecordingLogger _log = new();

    [Fact]
    public async Task Message_is_sent_through_the_smtp_server_and_not_written_to_the_outbox()
    {
        using var server = SimpleSmtpServer.Start(TestServices.FreeTcpPort());

        await Delivery(new SmtpOptions { Host = "127.0.0.1", Port = server.Configuration.Port, Security = "None" })
            .DeliverAsync(Welcome, TestContext.Current.CancellationToken);

        var received = Assert.Single(server.ReceivedEmail);
        Assert.Equal("ada@example.com", received.ToAddresses.Single().Address);
        Assert.Equal("Confirm your email", received.Headers["Subject"]);
        Assert.Contains("no-reply@shop.example", received.FromAddress.Address, StringComparison.Ordinal);
        Assert.False(Directory.EnumerateFiles(_outbox.Directory, "*.eml", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public async Task Without_an_smtp_host_the_message_is_an_eml_file_whose_path_is_logged()
    {
        await Delivery(new SmtpOptions()).DeliverAsync(Welcome, TestContext.Current.CancellationToken);

        var message = await _outbox.WaitForMessageToAsync("ada@example.com");
        Assert.Equal(new Uri("https://shop.example/confirm?code=a&b"), Outbox.FirstLink(message));
        var file = Assert.Single(Directory.GetFiles(_outbox.Directory, "*.eml"));
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Information && e.Message.Contains(file, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Server_that_does_not_answer_keeps_the_message_in_failed_and_logs_an_error()
    {
        var closedPort = TestServices.FreeTcpPort();

        await Delivery(new SmtpOptions { Host = "127.0.0.1", Port = closedPort, Security = "None", TimeoutSeconds = 5 })
            .DeliverAsync(Welcome, TestContext.Current.CancellationToken);

        var kept = await _outbox.WaitForMessageToAsync("ada@example.com", _outbox.FailedDirectory);
        Assert.Equal("Confirm your email", kept.Subject);
        var error = Assert.Single(_log.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains($"127.0.0.1:{closedPort}", error.Message, StringComparison.Ordinal);
        Assert.Contains(_outbox.FailedDirectory, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_up_succeeds_while_the_smtp_server_is_down_and_the_confirmation_is_kept()
    {
        await using var database = TestDatabase.Create(DatabaseProvider.Sqlite);
        await using var app = new AppFactory(new Dictionary<string, string?>(database.Settings)
        {
            ["Email:OutboxDirectory"] = _outbox.Directory,
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = TestServices.FreeTcpPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Jobs:RetryAttempts"] = "0", // the first refusal is the last attempt: the message goes to failed/
        });
        var email = TestUsers.NewEmail();

        using var register = await app.CreateBrowserLikeClient().SubmitFormAsync("/Identity/Account/Register", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = TestUsers.Password,
            ["Input.ConfirmPassword"] = TestUsers.Password,
        });

        Assert.Equal(HttpStatusCode.Redirect, register.StatusCode);
        Assert.StartsWith("/Identity/Account/RegisterConfirmation", register.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var kept = await _outbox.WaitForMessageToAsync(email, _outbox.FailedDirectory);
        Assert.Contains("/Identity/Account/ConfirmEmail", Outbox.FirstLink(kept).AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_up_email_is_retried_by_the_job_until_the_smtp_server_takes_it()
    {
        var port = TestServices.FreeTcpPort();
        await using var database = TestDatabase.Create(DatabaseProvider.Sqlite);
        await using var app = new AppFactory(new Dictionary<string, string?>(database.Settings)
        {
            ["Email:OutboxDirectory"] = _outbox.Directory,
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Jobs:RetryAttempts"] = "5",
            ["Jobs:RetryDelaysSeconds:0"] = "2",
        });
        var email = TestUsers.NewEmail();

        using var register = await app.CreateBrowserLikeClient().SubmitFormAsync("/Identity/Account/Register", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = TestUsers.Password,
            ["Input.ConfirmPassword"] = TestUsers.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, register.StatusCode); // the request did not wait for SMTP

        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken); // the first attempt is refused
        using var server = SimpleSmtpServer.Start(port);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (server.ReceivedEmailCount == 0 && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        var received = Assert.Single(server.ReceivedEmail);
        Assert.Equal(email, received.ToAddresses.Single().Address, ignoreCase: true);
        Assert.False(Directory.Exists(_outbox.FailedDirectory) && Directory.EnumerateFiles(_outbox.FailedDirectory).Any());
    }

    public void Dispose() => Directory.Delete(_outbox.Directory, recursive: true);

    private EmailDelivery Delivery(SmtpOptions smtp) => new(
        Options.Create(new EmailOptions { From = "Shop <no-reply@shop.example>", OutboxDirectory = _outbox.Directory, Smtp = smtp }),
        new HostingEnvironment { ContentRootPath = _outbox.Directory },
        TimeProvider.System,
        _log);

    private sealed class RecordingLogger : ILogger<EmailDelivery>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries)
            {
                Entries.Add((logLevel, formatter(state, exception)));
            }
        }
    }
}
