using Microsoft.AspNetCore.Mvc.Razor;

namespace Monolith.Web.Web;

public static class WebUiRegistration
{
    public static WebApplicationBuilder AddWebUi(this WebApplicationBuilder builder)
    {
        // Package assets (Bootstrap from Identity UI) are served from the NuGet cache when running a
        // build in any environment, not only Development; in a published app they sit in wwwroot and
        // this does nothing.
        builder.WebHost.UseStaticWebAssets();
        // The sign-in scheme comes with the accounts battery; [Authorize] and the middleware need this much.
        builder.Services.AddAuthentication();
        // Forms are validated by FluentValidation; a non-nullable property must not add a second "required" message.
        builder.Services.AddControllersWithViews(mvc => mvc.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true);
        builder.Services.Configure<RazorViewEngineOptions>(options =>
        {
            // Feature folders: a controller's views sit beside it in Features/<Name>/.
            options.ViewLocationFormats.Clear();
            options.ViewLocationFormats.Add("/Features/{1}/{0}" + RazorViewEngine.ViewExtension);
            options.ViewLocationFormats.Add("/Features/Shared/{0}" + RazorViewEngine.ViewExtension);
            options.AreaViewLocationFormats.Add("/Features/Shared/{0}" + RazorViewEngine.ViewExtension);
        });
        return builder;
    }

    /// <summary>Friendly 404 and 500 pages; stack traces only on a developer's machine.</summary>
    public static WebApplication UseErrorPages(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler(ErrorRoutes.ServerError);
        }

        app.UseStatusCodePagesWithReExecute(ErrorRoutes.StatusCodePattern);
        return app;
    }

    public static WebApplication MapWebUi(this WebApplication app)
    {
        if (!AppRoles.Read(app.Configuration).ServesPages())
        {
            return app;
        }

        app.MapStaticAssets();
        app.MapControllerRoute("default", "{controller=Home}/{action=Index}/{id?}");
        return app;
    }
}
