using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gen.Generators.Model;

/// <summary>Finds the syntax of one argument of an applied attribute, so diagnostics sit on it.</summary>
internal static class AttributeSyntaxLookup
{
    /// <summary>
    /// The argument written for <paramref name="name"/>: a named argument (<c>Epochs = 10</c>), or a
    /// positional one matched to the constructor parameter of that name (case-insensitive, so
    /// <c>"Units"</c> finds the <c>units</c> parameter).
    /// </summary>
    public static AttributeArgumentSyntax? FindArgument(AttributeData data, string name)
    {
        if (data.ApplicationSyntaxReference?.GetSyntax() is not AttributeSyntax syntax || syntax.ArgumentList is null)
        {
            return null;
        }

        var arguments = syntax.ArgumentList.Arguments;
        foreach (AttributeArgumentSyntax argument in arguments)
        {
            string? written = argument.NameEquals?.Name.Identifier.ValueText ?? argument.NameColon?.Name.Identifier.ValueText;
            if (written is not null && string.Equals(written, name, StringComparison.OrdinalIgnoreCase))
            {
                return argument;
            }
        }

        var parameters = data.AttributeConstructor?.Parameters ?? default;
        if (parameters.IsDefaultOrEmpty)
        {
            return null;
        }

        int index = -1;
        for (int i = 0; i < parameters.Length; i++)
        {
            if (string.Equals(parameters[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                index = i;
                break;
            }
        }

        if (index < 0 || index >= arguments.Count)
        {
            return null;
        }

        AttributeArgumentSyntax positional = arguments[index];
        return positional.NameEquals is null && positional.NameColon is null ? positional : null;
    }
}
