using System.Buffers;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Monolith.Web.Caching;

/// <summary>
/// The response body stream while a page may be copied: passes every byte on, and keeps a copy when
/// the output cache handles the request (its feature is present when the first byte is written).
/// The headers are taken as that first byte passes, before the server starts the response: they are
/// the page's own, without those that callbacks add to every response as it starts.
/// </summary>
internal sealed class PageRecorder(Stream inner, HttpContext context, int maxBytes) : Stream
{
    // Age is recomputed for each answer, Content-Length set from the copy; a page that sets cookies is never copied.
    private static readonly HashSet<string> PerResponseHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.Age, HeaderNames.ContentLength, HeaderNames.SetCookie,
    };

    private readonly ArrayBufferWriter<byte> _copy = new();
    private bool _started;
    private bool _recording;

    /// <summary>The output cache's view of the request, when it handled it.</summary>
    public IOutputCacheFeature? OutputCache { get; private set; }

    /// <summary>The response headers as the body began, but those that differ per response.</summary>
    public KeyValuePair<string, StringValues>[] Headers { get; private set; } = [];

    /// <summary>The whole body, when it was recorded and fit.</summary>
    public byte[]? Body => _recording && _copy.WrittenCount > 0 ? _copy.WrittenSpan.ToArray() : null;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Record(buffer);
        inner.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Record(buffer.Span);
        return inner.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private void Record(ReadOnlySpan<byte> bytes)
    {
        if (!_started)
        {
            _started = true;
            OutputCache = context.Features.Get<IOutputCacheFeature>();
            _recording = OutputCache is not null;
            if (_recording)
            {
                Headers = [.. context.Response.Headers.Where(header => !PerResponseHeaders.Contains(header.Key))];
            }
        }

        if (!_recording)
        {
            return;
        }

        if (_copy.WrittenCount + bytes.Length > maxBytes)
        {
            _recording = false; // too big to be worth a copy
            return;
        }

        _copy.Write(bytes);
    }
}
