using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Gen.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gen.CodeFixes;

/// <summary>GEN001: adds <c>partial</c> to the model class and to every type it is nested in that lacks it.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialFix)), Shared]
public sealed class MakePartialFix : GenCodeFixProvider
{
    public MakePartialFix()
        : base(DiagnosticIds.ModelTypeNotPartial)
    {
    }

    private protected override void RegisterFixes(CodeFixContext context, SyntaxNode root, Diagnostic diagnostic)
    {
        // The rule says when 'partial' is the whole fix; a generic model or a struct needs more.
        if (!diagnostic.Properties.ContainsKey(DiagnosticIds.CanMakePartialProperty)
            || root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<ClassDeclarationSyntax>() is not { } model)
        {
            return;
        }

        Document document = context.Document;
        context.RegisterCodeFix(
            CodeAction.Create(
                $"Make '{model.Identifier.ValueText}' partial",
                (CancellationToken _) => Task.FromResult(document.WithSyntaxRoot(MakePartial(root, model))),
                nameof(MakePartialFix)),
            diagnostic);
    }

    private static SyntaxNode MakePartial(SyntaxNode root, ClassDeclarationSyntax model) =>
        root.ReplaceNodes(
            model.AncestorsAndSelf(),
            (original, rewritten) => original is TypeDeclarationSyntax && rewritten is TypeDeclarationSyntax type && !type.Modifiers.Any(SyntaxKind.PartialKeyword)
                ? WithPartial(type)
                : rewritten);

    /// <summary>
    /// <paramref name="type"/> with <c>partial</c> written just before its keyword, where C#
    /// requires it (<c>public sealed partial class</c>).
    /// </summary>
    private static TypeDeclarationSyntax WithPartial(TypeDeclarationSyntax type)
    {
        SyntaxToken partial = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        if (type.Modifiers.Count == 0)
        {
            // Move the keyword's leading trivia (indentation, comments) in front of 'partial'.
            SyntaxToken keyword = type.Keyword;
            return type
                .WithKeyword(keyword.WithLeadingTrivia())
                .WithModifiers(SyntaxFactory.TokenList(partial.WithLeadingTrivia(keyword.LeadingTrivia)));
        }

        return type.WithModifiers(type.Modifiers.Add(partial));
    }
}
