using Microsoft.Extensions.Primitives;

namespace Monolith.Web.Caching;

/// <summary>A 200 response of an output-cached anonymous page, as sent: headers, body and the endpoint that made it.</summary>
/// <param name="Headers">The page's own response headers (see <see cref="PageRecorder.Headers"/>).</param>
/// <param name="CreatedAt">When the output cache stored the page (<see cref="Environment.TickCount64"/>), for the Age header.</param>
/// <param name="Endpoint">Set on the request again, so metrics and traces name the page's route.</param>
/// <param name="Tags">The output cache's tags of the page: evicting any of them retires the copy.</param>
/// <param name="Generation">The <see cref="PageCopies.Generation"/> when its recording began.</param>
internal sealed record PageCopy(
    KeyValuePair<string, StringValues>[] Headers, byte[] Body, long CreatedAt, Endpoint? Endpoint, string[] Tags, long Generation);
