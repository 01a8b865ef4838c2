using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Monolith.Web.Caching;
using Monolith.Web.Data;

namespace Monolith.Web.Accounts;

/// <summary>
/// Drops what is cached under <see cref="CacheTags.Accounts"/> (values and pages, on every replica)
/// after any <c>SaveChanges</c> that adds, changes or deletes a user: sign-ups, account pages,
/// the admin area, <c>createsuperuser</c> and <c>seed</c> all go through it.
/// </summary>
internal sealed class AccountsCacheInterceptor(CacheInvalidator invalidator) : SaveChangesInterceptor
{
    private static readonly object Changed = new();

    private readonly ConditionalWeakTable<DbContext, object> _usersChanged = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        NoteUserChanges(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        NoteUserChanges(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (TakeUserChanges(eventData.Context))
        {
            invalidator.InvalidateAsync(CacheTags.Accounts).GetAwaiter().GetResult();
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (TakeUserChanges(eventData.Context))
        {
            // Not the caller's token: the rows are saved, so the caches must hear of it even if the request ends now.
            await invalidator.InvalidateAsync(CacheTags.Accounts, CancellationToken.None);
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => TakeUserChanges(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        TakeUserChanges(eventData.Context);
        return Task.CompletedTask;
    }

    private void NoteUserChanges(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries<AppUser>().Any(
            user => user.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            _usersChanged.AddOrUpdate(context, Changed);
        }
    }

    private bool TakeUserChanges(DbContext? context) => context is not null && _usersChanged.Remove(context);
}
