using System.Collections.Concurrent;
using System.Text;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;
using Serilog.Formatting;

namespace Monolith.Web.Observability;

/// <summary>
/// Writes events to stdout from one background thread, in batches: logging an event only queues it
/// (no lock, no wake-up of the writer per event), and a batch costs one write to stdout instead of one
/// per line. Events wait at most <see cref="FlushInterval"/>. When <see cref="Capacity"/> events are
/// waiting, loggers wait for room rather than lose events. Disposing writes what is left.
/// </summary>
internal sealed class BatchedStdoutSink : ILogEventSink, IDisposable
{
    private const int Capacity = 10_000;
    private static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(50);

    private readonly ITextFormatter _formatter;
    private readonly TextWriter _stdout;
    private readonly ConcurrentQueue<LogEvent> _queue = new();
    private readonly ManualResetEventSlim _full = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Thread _writer;
    private int _count;

    public BatchedStdoutSink(ITextFormatter formatter)
    {
        _formatter = formatter;
        _stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024);
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "Log writer" };
        _writer.Start();
    }

    public void Emit(LogEvent logEvent)
    {
        _queue.Enqueue(logEvent);
        if (Interlocked.Increment(ref _count) < Capacity)
        {
            return;
        }

        _full.Set();
        var wait = new SpinWait();
        while (Volatile.Read(ref _count) >= Capacity && !_stopping.IsCancellationRequested)
        {
            wait.SpinOnce();
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _full.Set();
        _writer.Join();
        _full.Dispose();
        _stopping.Dispose();
    }

    private void WriteLoop()
    {
        while (!_stopping.IsCancellationRequested)
        {
            _full.Wait(FlushInterval);
            _full.Reset();
            WriteQueued();
        }

        WriteQueued();
    }

    private void WriteQueued()
    {
        if (_queue.IsEmpty)
        {
            return;
        }

        while (_queue.TryDequeue(out var logEvent))
        {
            Interlocked.Decrement(ref _count);
            try
            {
                _formatter.Format(logEvent, _stdout);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The writer thread must live on: if it died, loggers would wait for room forever.
                SelfLog.WriteLine("Writing a log event to stdout failed: {0}", e);
            }
        }

        try
        {
            _stdout.Flush();
        }
        catch (IOException e)
        {
            SelfLog.WriteLine("Writing the log to stdout failed: {0}", e);
        }
    }
}
