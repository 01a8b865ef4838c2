using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Monolith.Web.Areas.Admin.Controllers;

/// <summary>Every admin page: the Admin role only, and every POST carries an antiforgery token.</summary>
[Area("Admin")]
[Authorize(Policy = AdminAuthorization.Policy)]
[AutoValidateAntiforgeryToken]
[ResponseCache(Location = ResponseCacheLocation.None, NoStore = true)]
public abstract class AdminController : Controller;
