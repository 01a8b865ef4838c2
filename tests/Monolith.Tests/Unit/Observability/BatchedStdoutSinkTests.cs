using System.Text;
using Monolith.Web.Observability;
using Serilog.Events;
using Serilog.Formatting.Compact;
using Serilog.Parsing;

namespace Monolith.Tests.Unit.Observability;

/// <summary>The JSON log writer: every event written once, whole and in order per thread, none lost on shutdown.</summary>
public sealed class BatchedStdoutSinkTests
{
    [Fact]
    public void Writes_every_event_from_many_threads_once_and_each_threads_in_order()
    {
        var output = new MemoryStream();
        const int threads = 8, perThread = 5_000;
        using (var sink = new BatchedStdoutSink(new CompactJsonFormatter(), output))
        {
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, thread =>
            {
                for (var i = 0; i < perThread; i++)
                {
                    sink.Emit(Event($"{thread}:{i}"));
                }
            });
        }

        var lines = Lines(output);
        Assert.Equal(threads * perThread, lines.Length);
        var next = new int[threads];
        foreach (var line in lines)
        {
            var (thread, index) = Parse(line);
            Assert.Equal(next[thread], index);
            next[thread]++;
        }
    }

    [Fact]
    public void Writes_within_the_flush_interval_without_waiting_for_a_full_batch()
    {
        var output = new MemoryStream();
        var sink = new BatchedStdoutSink(new CompactJsonFormatter(), output);

        sink.Emit(Event("0:0"));

        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline && output.Length == 0)
        {
            Thread.Sleep(10);
        }

        var writtenBeforeShutdown = output.Length;
        sink.Dispose();
        Assert.NotEqual(0, writtenBeforeShutdown);
        Assert.Single(Lines(output));
    }

    [Fact]
    public void Keeps_non_ascii_text_and_writes_events_logged_after_it_was_disposed()
    {
        var output = new MemoryStream();
        var sink = new BatchedStdoutSink(new CompactJsonFormatter(), output);
        sink.Emit(Event("0:0", "Zürich ✓ 𝄞"));
        sink.Dispose();

        sink.Emit(Event("0:1"));

        var lines = Lines(output);
        Assert.Equal(2, lines.Length);
        Assert.Contains("Zürich ✓ 𝄞", lines[0], StringComparison.Ordinal);
        Assert.Equal((0, 1), Parse(lines[1]));
    }

    private static LogEvent Event(string id, string text = "") => new(
        DateTimeOffset.UtcNow,
        LogEventLevel.Information,
        exception: null,
        new MessageTemplateParser().Parse("Event {Id} {Text}"),
        [new LogEventProperty("Id", new ScalarValue(id)), new LogEventProperty("Text", new ScalarValue(text))]);

    private static string[] Lines(MemoryStream output) =>
        Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static (int Thread, int Index) Parse(string line)
    {
        var id = System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("Id").GetString()!.Split(':');
        return (int.Parse(id[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(id[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
