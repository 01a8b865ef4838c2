namespace Monolith.Web.Accounts;

/// <summary>The <c>Accounts</c> configuration section: sign-up, sign-in and session rules.</summary>
public sealed class AccountsOptions
{
    public const string Section = "Accounts";

    /// <summary>Users must confirm their email address before they can sign in.</summary>
    public bool RequireConfirmedEmail { get; set; } = true;

    /// <summary>Minimum password length. Length, not character classes, is what makes a password strong.</summary>
    public int PasswordMinLength { get; set; } = 12;

    /// <summary>Failed sign-ins in a row that lock an account.</summary>
    public int LockoutMaxFailedAttempts { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;

    /// <summary>How long a sign-in lasts without activity; each visit past half of it renews it.</summary>
    public int SessionDays { get; set; } = 14;

    /// <summary>
    /// How often a signed-in session is checked against the account: a lock, a password change, a
    /// deletion or removed roles end other sessions within this many seconds.
    /// </summary>
    public int SessionCheckSeconds { get; set; } = 60;

    /// <summary><c>Always</c> or <c>SameAsRequest</c>; empty means Always outside Development.</summary>
    public string CookieSecure { get; set; } = "";

    /// <summary><c>Lax</c> or <c>Strict</c>.</summary>
    public string CookieSameSite { get; set; } = "Lax";

    /// <summary>POSTs per minute one client may send to each sign-in, sign-up or recovery page.</summary>
    public int AbuseLimitPerMinute { get; set; } = 10;
}
