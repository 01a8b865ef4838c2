namespace Monolith.Web.Web;

public static class ErrorRoutes
{
    public const string ServerError = "/error/500";
    public const string StatusCodePattern = "/error/{0}";
}
