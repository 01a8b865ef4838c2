namespace Monolith.Web.Areas.Admin.History;

/// <summary>
/// On a property: its value is never written to the audit history (noise, or a secret not named like one),
/// and changing only it writes no entry (e.g. a heartbeat's timestamp). On a class: the entity is not audited.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class)]
public sealed class AuditIgnoreAttribute : Attribute;
