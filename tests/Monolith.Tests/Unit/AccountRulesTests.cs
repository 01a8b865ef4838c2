using Monolith.Web.Accounts;
using Monolith.Web.Email;
using Monolith.Web.Security;

namespace Monolith.Tests.Unit;

/// <summary>Email address rules and the options validators: bad settings name their key.</summary>
public sealed class AccountRulesTests
{
    [Theory]
    [InlineData("ada@example.com")]
    [InlineData("ada.lovelace+billing@mail.example.co.uk")]
    [InlineData("o'brien@example.ie")]
    public void Ordinary_addresses_are_accepted(string email) => Assert.Null(EmailAddressRules.Problem(email));

    [Theory]
    [InlineData("", "Enter an email address.")]
    [InlineData("ada", "Enter a valid email address")]
    [InlineData("ada@localhost", "Enter a valid email address")]
    [InlineData("ada@-example.com", "Enter a valid email address")]
    [InlineData("a da@example.com", "Enter a valid email address")]
    [InlineData("ada@example.com\r\nBcc: victim@example.com", "Enter a valid email address")]
    [InlineData("\u0430da@example.com", "look-alike characters")]
    [InlineData("ada@ex\u0430mple.com", "look-alike characters")]
    public void Bad_addresses_get_a_reason(string email, string reason) =>
        Assert.Contains(reason, EmailAddressRules.Problem(email), StringComparison.Ordinal);

    [Fact]
    public void Overlong_address_is_refused() =>
        Assert.Contains("at most 254", EmailAddressRules.Problem(new string('a', 64) + "@" + new string('b', 200) + ".com"), StringComparison.Ordinal);

    [Fact]
    public void Account_settings_out_of_range_name_their_keys()
    {
        var result = new AccountsOptionsValidator().Validate(null, new AccountsOptions
        {
            PasswordMinLength = 4,
            LockoutMaxFailedAttempts = 0,
            CookieSecure = "Never",
            CookieSameSite = "None",
        });

        Assert.True(result.Failed);
        Assert.Contains("Accounts:PasswordMinLength must be between 8 and 128, not 4.", result.Failures!);
        Assert.Contains("Accounts:LockoutMaxFailedAttempts must be between 1 and 100, not 0.", result.Failures!);
        Assert.Contains("Accounts:CookieSecure must be Always or SameAsRequest, not 'Never'.", result.Failures!);
        Assert.Contains("Accounts:CookieSameSite must be Lax or Strict, not 'None'.", result.Failures!);
    }

    [Fact]
    public void Default_account_settings_are_valid() =>
        Assert.True(new AccountsOptionsValidator().Validate(null, new AccountsOptions()).Succeeded);

    [Theory]
    [InlineData("Monolith <no-reply@localhost>")]
    [InlineData("Acme.Shop <no-reply@acme.example>")] // a generated app named with a dot
    [InlineData("my_shop <no-reply@shop.example>")]
    public void Default_sender_is_valid_whatever_the_app_is_called(string from) =>
        Assert.True(new EmailOptionsValidator().Validate(null, new EmailOptions { From = from }).Succeeded);

    [Fact]
    public void Email_settings_name_their_keys()
    {
        var result = new EmailOptionsValidator().Validate(null, new EmailOptions
        {
            From = "not an address",
            Smtp = new SmtpOptions { Port = 0, Security = "Tls9", Password = "secret" },
        });

        Assert.True(result.Failed);
        Assert.Contains("Email:From must be an address like 'Acme <no-reply@acme.example>', not 'not an address'.", result.Failures!);
        Assert.Contains("Email:Smtp:Port must be between 1 and 65535, not 0.", result.Failures!);
        Assert.Contains(result.Failures!, f => f.StartsWith("Email:Smtp:Security must be Auto", StringComparison.Ordinal));
        Assert.Contains("Email:Smtp:Username is required when Email:Smtp:Password is set.", result.Failures!);
        Assert.DoesNotContain(result.Failures!, f => f.Contains("secret", StringComparison.Ordinal));
    }

    [Fact]
    public void Security_settings_name_their_keys()
    {
        var options = new SecurityOptions { MaxRequestBodyBytes = 10 };
        options.TrustedProxies.Add("proxy.internal");
        options.TrustedNetworks.Add("10.0.0.0/33");

        var result = new SecurityOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Security:TrustedProxies:0 must be an IP address, not 'proxy.internal'.", result.Failures!);
        Assert.Contains("Security:TrustedNetworks:0 must be a CIDR range like 10.0.0.0/8, not '10.0.0.0/33'.", result.Failures!);
        Assert.Contains("Security:MaxRequestBodyBytes must be between 1024 and 4294967296, not 10.", result.Failures!);
    }
}
