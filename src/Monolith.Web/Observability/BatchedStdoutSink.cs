using System.Buffers;
using System.Globalization;
using System.Text;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;
using Serilog.Formatting;

namespace Monolith.Web.Observability;

/// <summary>
/// Writes events to stdout (or another stream) in batches from one background thread. The logging
/// thread formats its event into UTF-8 bytes at once (or hands over a line already written as such, see
/// <see cref="RequestLineWriter"/>) and appends them to a shared buffer, so no event
/// object outlives its request (queued events used to survive into older GC generations); a batch costs
/// one write instead of one per line. Bytes wait at most <see cref="FlushInterval"/>. When
/// <see cref="CapacityBytes"/> are waiting, loggers wait for the writer rather than lose events.
/// Disposing writes what is left; events after that are written directly.
/// </summary>
internal sealed class BatchedStdoutSink : ILogEventSink, IDisposable
{
    private const int CapacityBytes = 4 * 1024 * 1024;
    private static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(50);

    [ThreadStatic]
    private static FormattingBuffer? t_buffer;

    private readonly ITextFormatter _formatter;
    private readonly Stream _output;
    private readonly object _gate = new();
    private readonly ManualResetEventSlim _flushNow = new();
    private readonly Thread _writer;
    private ArrayBufferWriter<byte> _pending = new(64 * 1024);
    private ArrayBufferWriter<byte> _writing = new(64 * 1024);
    private bool _stopping;
    private bool _stopped;

    public BatchedStdoutSink(ITextFormatter formatter, Stream? output = null)
    {
        _formatter = formatter;
        _output = output ?? Console.OpenStandardOutput();
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "Log writer" };
        _writer.Start();
    }

    public void Emit(LogEvent logEvent)
    {
        var buffer = t_buffer ??= new FormattingBuffer();
        if (buffer.TryFormat(_formatter, logEvent))
        {
            Write(buffer.Utf8);
        }
    }

    /// <summary>Writes one line that is already UTF-8 JSON (with its line break), in order with the events.</summary>
    public void Write(ReadOnlySpan<byte> line)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                _writing.Write(line);
                WriteOut(_writing);
                return;
            }

            while (_pending.WrittenCount >= CapacityBytes && !_stopping)
            {
                _flushNow.Set();
                Monitor.Wait(_gate, FlushInterval);
            }

            _pending.Write(line);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_stopping)
            {
                return; // both the logger and the container own it
            }

            _stopping = true;
        }

        _flushNow.Set();
        _writer.Join();
        _flushNow.Dispose();
    }

    private void WriteLoop()
    {
        var stopping = false;
        while (!stopping)
        {
            _flushNow.Wait(FlushInterval);
            _flushNow.Reset();
            lock (_gate)
            {
                (_pending, _writing) = (_writing, _pending);
                stopping = _stopping;
                Monitor.PulseAll(_gate);
            }

            WriteOut(_writing);
        }

        lock (_gate)
        {
            (_pending, _writing) = (_writing, _pending);
            WriteOut(_writing);
            _stopped = true;
        }
    }

    private void WriteOut(ArrayBufferWriter<byte> batch)
    {
        if (batch.WrittenCount == 0)
        {
            return;
        }

        try
        {
            _output.Write(batch.WrittenSpan);
            _output.Flush();
        }
        catch (IOException e)
        {
            SelfLog.WriteLine("Writing the log to stdout failed: {0}", e);
        }

        batch.ResetWrittenCount();
    }

    /// <summary>One thread's reusable text and bytes: formatting an event allocates nothing that stays.</summary>
    private sealed class FormattingBuffer
    {
        private readonly StringBuilder _text = new();
        private readonly ArrayBufferWriter<byte> _utf8 = new(1024);
        private readonly Encoder _encoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetEncoder();

        public ReadOnlySpan<byte> Utf8 => _utf8.WrittenSpan;

        public bool TryFormat(ITextFormatter formatter, LogEvent logEvent)
        {
            _text.Clear();
            _utf8.ResetWrittenCount();
            try
            {
                using var writer = new StringWriter(_text, CultureInfo.InvariantCulture);
                formatter.Format(logEvent, writer);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                SelfLog.WriteLine("Formatting a log event failed: {0}", e);
                return false;
            }

            foreach (var chunk in _text.GetChunks())
            {
                var bytes = _utf8.GetSpan(Encoding.UTF8.GetMaxByteCount(chunk.Length));
                _encoder.Convert(chunk.Span, bytes, flush: false, out _, out var written, out _);
                _utf8.Advance(written);
            }

            var tail = _utf8.GetSpan(8);
            _encoder.Convert([], tail, flush: true, out _, out var flushed, out _);
            _utf8.Advance(flushed);
            return true;
        }
    }
}
