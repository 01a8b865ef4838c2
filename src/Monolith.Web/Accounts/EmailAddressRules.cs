using System.Text.RegularExpressions;

namespace Monolith.Web.Accounts;

/// <summary>
/// What an account's email address may look like: the WHATWG form syntax with a dotted domain, in
/// plain ASCII, so that look-alike letters from other alphabets cannot imitate another account.
/// </summary>
public static partial class EmailAddressRules
{
    public const int MaxLength = 254;

    /// <summary>Why <paramref name="email"/> is not acceptable, or null when it is.</summary>
    public static string? Problem(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return "Enter an email address.";
        }

        if (email.Length > MaxLength)
        {
            return $"An email address has at most {MaxLength} characters.";
        }

        if (!email.All(char.IsAscii))
        {
            return "Use an email address with plain letters (a-z), digits and punctuation only; look-alike characters from other alphabets are not accepted.";
        }

        return Syntax().IsMatch(email) ? null : "Enter a valid email address, like name@example.com.";
    }

    [GeneratedRegex(
        @"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Syntax();
}
