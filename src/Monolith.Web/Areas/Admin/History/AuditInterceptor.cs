using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Monolith.Web.Areas.Admin.History;

/// <summary>
/// Writes an <see cref="AuditEntry"/> for every entity created, updated or deleted through
/// <c>SaveChanges</c> anywhere in the app, in the same transaction as the change itself.
/// Bulk <c>ExecuteUpdate</c>/<c>ExecuteDelete</c> bypass the change tracker and are not recorded.
/// </summary>
internal sealed class AuditInterceptor(IHttpContextAccessor http, TimeProvider clock) : SaveChangesInterceptor
{
    private const int MaxValueLength = 1000;
    private const string System = "system";

    // Rows whose key the database generates get it only after the insert: their entries are completed then.
    private readonly ConditionalWeakTable<DbContext, List<(EntityEntry Entity, AuditEntry Audit)>> _pendingKeys = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        AddEntries(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        AddEntries(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (CompleteKeys(eventData.Context))
        {
            eventData.Context!.SaveChanges();
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (CompleteKeys(eventData.Context))
        {
            await eventData.Context!.SaveChangesAsync(cancellationToken);
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Discard(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Discard(eventData.Context);
        return Task.CompletedTask;
    }

    private void AddEntries(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        context.ChangeTracker.DetectChanges();
        var (userId, userName) = CurrentUser();
        var at = clock.GetUtcNow().UtcDateTime;
        var pending = new List<(EntityEntry, AuditEntry)>();
        foreach (var entry in context.ChangeTracker.Entries().ToList())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)
                || SecretProperties.IsIgnored(entry.Metadata.ClrType)
                || entry.Metadata.IsOwned())
            {
                continue;
            }

            var changes = Changes(entry);
            if (entry.State == EntityState.Modified && changes.Count == 0)
            {
                continue; // only ignored fields changed
            }

            var audit = new AuditEntry
            {
                At = at,
                UserId = userId,
                UserName = userName,
                EntityType = entry.Metadata.ClrType.Name,
                EntityKey = KeyOf(entry),
                Action = entry.State switch
                {
                    EntityState.Added => AuditAction.Created,
                    EntityState.Deleted => AuditAction.Deleted,
                    _ => AuditAction.Updated,
                },
                Changes = JsonSerializer.Serialize(changes),
            };
            context.Add(audit);
            if (entry.State == EntityState.Added && entry.Properties.Any(p => p.Metadata.IsPrimaryKey() && p.IsTemporary))
            {
                pending.Add((entry, audit));
            }
        }

        if (pending.Count > 0)
        {
            _pendingKeys.AddOrUpdate(context, pending);
        }
    }

    private bool CompleteKeys(DbContext? context)
    {
        if (context is null || !_pendingKeys.TryGetValue(context, out var pending))
        {
            return false;
        }

        _pendingKeys.Remove(context);
        foreach (var (entity, audit) in pending)
        {
            audit.EntityKey = KeyOf(entity);
        }

        return true;
    }

    private void Discard(DbContext? context)
    {
        if (context is not null)
        {
            _pendingKeys.Remove(context);
        }
    }

    private static List<AuditChange> Changes(EntityEntry entry)
    {
        var changes = new List<AuditChange>();
        foreach (var property in entry.Properties)
        {
            if (SecretProperties.IsSecret(property.Metadata) || SecretProperties.IsIgnored(property.Metadata))
            {
                continue;
            }

            switch (entry.State)
            {
                case EntityState.Added:
                    changes.Add(new(property.Metadata.Name, null, Text(property.CurrentValue)));
                    break;
                case EntityState.Deleted:
                    changes.Add(new(property.Metadata.Name, Text(property.OriginalValue), null));
                    break;
                case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                    changes.Add(new(property.Metadata.Name, Text(property.OriginalValue), Text(property.CurrentValue)));
                    break;
            }
        }

        return changes;
    }

    internal static string KeyOf(EntityEntry entry) => string.Join(
        ",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Text(entry.Property(p.Name).CurrentValue)));

    private static string? Text(object? value)
    {
        var text = value switch
        {
            null => null,
            DateTimeOffset date => date.ToString("O", CultureInfo.InvariantCulture),
            DateTime date => date.ToString("O", CultureInfo.InvariantCulture),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
        return text is { Length: > MaxValueLength } ? text[..MaxValueLength] + "…" : text;
    }

    private (string? Id, string Name) CurrentUser()
    {
        var user = http.HttpContext?.User;
        if (user?.Identity?.IsAuthenticated != true)
        {
            return (null, System);
        }

        return (user.FindFirstValue(ClaimTypes.NameIdentifier), user.Identity.Name ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? System);
    }
}
