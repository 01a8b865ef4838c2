namespace Monolith.Web.Email;

/// <summary>One message to one recipient. A plain record, so a job queue can store it as JSON.</summary>
public sealed record EmailMessage(string To, string Subject, string HtmlBody);
