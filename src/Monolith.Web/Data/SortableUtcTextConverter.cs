using System.Globalization;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Monolith.Web.Data;

/// <summary>
/// DateTimeOffset as UTC text in EF Core's own SQLite format (<c>2026-01-31 23:59:59.5+00:00</c>):
/// existing rows read unchanged, and text order is time order.
/// </summary>
internal sealed class SortableUtcTextConverter() : ValueConverter<DateTimeOffset, string>(
    value => value.ToUniversalTime().ToString(Format, CultureInfo.InvariantCulture),
    text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal))
{
    private const string Format = "yyyy-MM-dd HH:mm:ss.FFFFFFFzzz";
}
