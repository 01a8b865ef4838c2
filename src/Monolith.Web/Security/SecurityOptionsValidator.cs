using System.Net;
using Microsoft.Extensions.Options;

namespace Monolith.Web.Security;

internal sealed class SecurityOptionsValidator : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.TrustedProxies.Count; i++)
        {
            if (!IPAddress.TryParse(options.TrustedProxies[i], out _))
            {
                failures.Add($"Security:TrustedProxies:{i} must be an IP address, not '{options.TrustedProxies[i]}'.");
            }
        }

        for (var i = 0; i < options.TrustedNetworks.Count; i++)
        {
            if (!IPNetwork.TryParse(options.TrustedNetworks[i], out _))
            {
                failures.Add($"Security:TrustedNetworks:{i} must be a CIDR range like 10.0.0.0/8, not '{options.TrustedNetworks[i]}'.");
            }
        }

        if (options.HstsMaxAgeDays is < 1 or > 730)
        {
            failures.Add($"Security:HstsMaxAgeDays must be between 1 and 730, not {options.HstsMaxAgeDays}.");
        }

        if (options.MaxRequestBodyBytes is < 1024 or > 1L << 32)
        {
            failures.Add($"Security:MaxRequestBodyBytes must be between 1024 and 4294967296, not {options.MaxRequestBodyBytes}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
