using Microsoft.AspNetCore.Mvc;

namespace Monolith.Web.Features.Home;

public sealed class HomeController : Controller
{
    public IActionResult Index() => View();
}
