using System.Reflection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Monolith.Web.Areas.Admin.History;

/// <summary>
/// Properties whose values must never leave the database through the audit history or the admin pages:
/// Identity's hashes and stamps and anything named like a secret. <see cref="AuditIgnoreAttribute"/> keeps
/// others out of the history only.
/// </summary>
public static class SecretProperties
{
    private static readonly string[] SecretNames = ["PasswordHash", "SecurityStamp", "ConcurrencyStamp"];

    private static readonly string[] SecretFragments = ["Password", "Secret", "Token", "ApiKey", "PrivateKey", "Salt"];

    public static bool IsSecret(IReadOnlyProperty property) =>
        SecretNames.Contains(property.Name, StringComparer.OrdinalIgnoreCase)
        || SecretFragments.Any(fragment => property.Name.Contains(fragment, StringComparison.OrdinalIgnoreCase))
        // Identity's token rows hold authenticator keys and recovery codes in a column named Value.
        || IsIdentityToken(property.DeclaringType.ClrType) && property.Name == nameof(IdentityUserToken<string>.Value);

    public static bool IsIgnored(IReadOnlyProperty property) =>
        property.PropertyInfo?.GetCustomAttribute<AuditIgnoreAttribute>() is not null;

    public static bool IsIgnored(Type entityType) =>
        entityType == typeof(AuditEntry) || entityType.GetCustomAttribute<AuditIgnoreAttribute>() is not null;

    private static bool IsIdentityToken(Type type) =>
        type.IsGenericType ? type.GetGenericTypeDefinition() == typeof(IdentityUserToken<>)
        : type.BaseType is not null && IsIdentityToken(type.BaseType);
}
