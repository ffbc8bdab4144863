using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using Microsoft.CodeAnalysis.Text;

namespace Gen.CodeFixes;

/// <summary>The small syntax edits Gen's fixes are made of: find, remove and rewrite attribute arguments.</summary>
internal static class AttributeEdits
{
    /// <summary>The attribute argument whose span a diagnostic reports, or null.</summary>
    public static AttributeArgumentSyntax? ArgumentAt(SyntaxNode root, TextSpan span) =>
        root.FindNode(span) is { } node ? node.FirstAncestorOrSelf<AttributeArgumentSyntax>() : null;

    /// <summary>The attribute a diagnostic reports (on the attribute itself or on one of its arguments), or null.</summary>
    public static AttributeSyntax? AttributeAt(SyntaxNode root, TextSpan span) =>
        root.FindNode(span) is { } node ? node.FirstAncestorOrSelf<AttributeSyntax>() : null;

    /// <summary>
    /// <paramref name="expression"/> naming <paramref name="member"/> of the enum
    /// <paramref name="enumType"/> instead: <c>Activation.Sigmoid</c> becomes <c>Activation.ReLU</c>
    /// and keeps the user's qualification; anything else becomes the fully qualified member,
    /// simplified to what the file's usings allow.
    /// </summary>
    public static ExpressionSyntax EnumMember(ExpressionSyntax? expression, string enumType, string member)
    {
        if (expression is MemberAccessExpressionSyntax access)
        {
            return access.WithName(SyntaxFactory.IdentifierName(member).WithTriviaFrom(access.Name));
        }

        ExpressionSyntax qualified = SyntaxFactory.ParseExpression($"global::{enumType}.{member}")
            .WithAdditionalAnnotations(Simplifier.Annotation);
        return expression is null ? qualified : qualified.WithTriviaFrom(expression);
    }

    /// <summary>A float literal as C# source: <c>0.9f</c>.</summary>
    public static ExpressionSyntax FloatLiteral(string invariantValue) => SyntaxFactory.ParseExpression(invariantValue + "f");

    /// <summary><paramref name="attribute"/> without <paramref name="argument"/> (and its comma).</summary>
    public static AttributeSyntax WithoutArgument(AttributeSyntax attribute, AttributeArgumentSyntax argument)
    {
        AttributeArgumentListSyntax list = attribute.ArgumentList!;
        SeparatedSyntaxList<AttributeArgumentSyntax> remaining = list.Arguments.Remove(argument);
        return remaining.Count == 0
            ? attribute.WithArgumentList(null)
            : attribute.WithArgumentList(list.WithArguments(remaining));
    }

    /// <summary>The named argument (<c>Name = value</c>) of <paramref name="attribute"/>, or null.</summary>
    public static AttributeArgumentSyntax? NamedArgument(AttributeSyntax attribute, string name) =>
        attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);

    /// <summary><paramref name="attribute"/> with <c>name = value</c> set, replacing the value if already written.</summary>
    public static AttributeSyntax WithNamedArgument(AttributeSyntax attribute, string name, ExpressionSyntax value)
    {
        AttributeArgumentSyntax? existing = NamedArgument(attribute, name);
        if (existing is not null)
        {
            return attribute.ReplaceNode(existing, existing.WithExpression(value.WithTriviaFrom(existing.Expression)));
        }

        AttributeArgumentSyntax added = SyntaxFactory.AttributeArgument(
            SyntaxFactory.NameEquals(SyntaxFactory.IdentifierName(name)), nameColon: null, value);
        return WithArgumentAdded(attribute, added, attribute.ArgumentList?.Arguments.Count ?? 0);
    }

    /// <summary>
    /// <paramref name="attribute"/> with a constructor argument added after the ones written, before
    /// any <c>Name = value</c> argument (C# requires that order). It is written
    /// <c>parameter: value</c> when the arguments before it are written with names.
    /// </summary>
    public static AttributeSyntax WithConstructorArgumentAdded(AttributeSyntax attribute, string parameter, ExpressionSyntax value)
    {
        SeparatedSyntaxList<AttributeArgumentSyntax> arguments = attribute.ArgumentList?.Arguments ?? default;
        int index = 0;
        while (index < arguments.Count && arguments[index].NameEquals is null)
        {
            index++;
        }

        bool named = arguments.Take(index).Any(a => a.NameColon is not null);
        AttributeArgumentSyntax added = SyntaxFactory.AttributeArgument(
            nameEquals: null,
            named ? SyntaxFactory.NameColon(SyntaxFactory.IdentifierName(parameter)) : null,
            value);
        return WithArgumentAdded(attribute, added, index);
    }

    private static AttributeSyntax WithArgumentAdded(AttributeSyntax attribute, AttributeArgumentSyntax argument, int index)
    {
        // New commas and '=' come without spaces; the formatter, run by the code action on
        // annotated nodes, spaces the list as the user's formatting rules say.
        AttributeArgumentListSyntax list = attribute.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
        return attribute.WithArgumentList(
            list.WithArguments(list.Arguments.Insert(index, argument)).WithAdditionalAnnotations(Formatter.Annotation));
    }

    /// <summary>
    /// <paramref name="root"/> without <paramref name="attribute"/>: removed from its list when the
    /// list holds others, otherwise the whole <c>[...]</c> with its line (its indentation and line
    /// end), keeping any comment or blank line above it.
    /// </summary>
    public static SyntaxNode WithoutAttribute(SyntaxNode root, AttributeSyntax attribute)
    {
        if (attribute.Parent is not AttributeListSyntax list)
        {
            return root;
        }

        if (list.Attributes.Count > 1)
        {
            return root.ReplaceNode(list, list.WithAttributes(list.Attributes.Remove(attribute)));
        }

        // Trivia before the list (comments, blank lines) stays, moved to the token after it; the
        // indentation of the removed line goes, unless the line goes on after the list.
        SyntaxTriviaList leading = list.GetLeadingTrivia();
        int keep = leading.Count;
        if (list.GetTrailingTrivia().Any(SyntaxKind.EndOfLineTrivia))
        {
            while (keep > 0 && leading[keep - 1].IsKind(SyntaxKind.WhitespaceTrivia))
            {
                keep--;
            }
        }

        SyntaxToken next = list.GetLastToken().GetNextToken();
        var marker = new SyntaxAnnotation();
        SyntaxNode marked = keep == 0 || next.RawKind == 0
            ? root.ReplaceNode(list, list.WithAdditionalAnnotations(marker))
            : root.ReplaceSyntax(
                new[] { list }, (_, _) => list.WithAdditionalAnnotations(marker),
                new[] { next }, (_, token) => token.WithLeadingTrivia(leading.Take(keep).Concat(token.LeadingTrivia)),
                Enumerable.Empty<SyntaxTrivia>(), (_, trivia) => trivia);
        return marked.RemoveNode(marked.GetAnnotatedNodes(marker).Single(), SyntaxRemoveOptions.KeepNoTrivia) ?? root;
    }
}
