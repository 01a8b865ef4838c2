namespace Monolith.Web.Features.Home;

public sealed record HomeViewModel(int AccountCount);
