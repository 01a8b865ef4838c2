using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Web.Data;

namespace Monolith.Tests.Infrastructure;

/// <summary>Accounts made directly through the app's UserManager, for tests about what happens after sign-up.</summary>
public static class TestUsers
{
    public const string Password = "correct horse battery staple";

    public static string NewEmail() => $"user-{Guid.NewGuid():N}@example.com";

    public static async Task<string> CreateAsync(IServiceProvider services, bool confirmed = true)
    {
        var email = NewEmail();
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var result = await users.CreateAsync(new AppUser { UserName = email, Email = email, EmailConfirmed = confirmed }, Password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        return email;
    }

    public static async Task<AppUser?> FindAsync(IServiceProvider services, string email)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
    }
}
