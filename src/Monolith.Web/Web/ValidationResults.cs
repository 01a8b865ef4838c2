using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Monolith.Web.Web;

public static class ValidationResults
{
    /// <summary>
    /// Runs the validator (async rules included) and puts each error on its field in ModelState, where
    /// <c>asp-validation-for</c> shows it. True when the model, binding included, is valid.
    /// </summary>
    public static async Task<bool> ValidateIntoAsync<T>(
        this IValidator<T> validator, T model, ModelStateDictionary modelState, CancellationToken cancellationToken)
    {
        var result = await validator.ValidateAsync(model, cancellationToken);
        foreach (var error in result.Errors)
        {
            modelState.AddModelError(error.PropertyName, error.ErrorMessage);
        }

        return modelState.IsValid;
    }
}
