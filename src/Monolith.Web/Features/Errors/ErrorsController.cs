using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Monolith.Web.Features.Errors;

/// <summary>Renders error pages re-executed by the error middleware; never shows exception details.</summary>
[ApiExplorerSettings(IgnoreApi = true)]
[IgnoreAntiforgeryToken] // re-executed for failed POSTs too (429, 413): the page itself must render, not fail with 400
public sealed class ErrorsController : Controller
{
    [Route("error/{statusCode:int}")]
    [ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
    public IActionResult Show(int statusCode)
    {
        // Requested directly (not re-executed), the page answers 404 rather than echoing any code.
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null;
        var code = !reExecuted
            ? StatusCodes.Status404NotFound
            : statusCode;
        Response.StatusCode = code;
        var model = new ErrorViewModel(code, Activity.Current?.TraceId.ToString() ?? HttpContext.TraceIdentifier);
        return View(code == StatusCodes.Status404NotFound ? "NotFound" : "Error", model);
    }
}
