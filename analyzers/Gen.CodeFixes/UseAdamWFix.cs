using System.Collections.Generic;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gen.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using Microsoft.CodeAnalysis.Text;

namespace Gen.CodeFixes;

/// <summary>
/// GEN108: replaces <c>[Adam(...)]</c> by <c>[AdamW(..., WeightDecay = λ)]</c>, keeping every
/// argument (AdamW takes all of Adam's), and removes <c>[L2(λ)]</c>: the decay the user meant,
/// decoupled from Adam's scaling. The rule reports the L2 attribute, with the optimizer as its
/// additional location; the two may be on different parts (files) of a partial class.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseAdamWFix)), Shared]
public sealed class UseAdamWFix : GenCodeFixProvider
{
    public UseAdamWFix()
        : base(DiagnosticIds.L2WithAdam)
    {
    }

    private protected override void RegisterFixes(CodeFixContext context, SyntaxNode root, Diagnostic diagnostic)
    {
        if (diagnostic.AdditionalLocations.Count != 1
            || AttributeEdits.AttributeAt(root, diagnostic.Location.SourceSpan) is not { } l2
            || LambdaOf(l2) is not { } lambda)
        {
            return;
        }

        Document document = context.Document;
        Location adam = diagnostic.AdditionalLocations[0];
        context.RegisterCodeFix(
            CodeAction.Create(
                $"Use AdamW(WeightDecay = {lambda.WithoutTrivia()}) instead of Adam and L2",
                cancellationToken => FixAsync(document, l2.Span, adam, cancellationToken),
                nameof(UseAdamWFix)),
            diagnostic);
    }

    /// <summary>The λ of <c>[L2(λ)]</c> as written (positionally or as <c>lambda: λ</c>).</summary>
    private static ExpressionSyntax? LambdaOf(AttributeSyntax l2) =>
        l2.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals is null)?.Expression;

    private static async Task<Solution> FixAsync(Document document, TextSpan l2Span, Location adamLocation, CancellationToken cancellationToken)
    {
        Solution solution = document.Project.Solution;
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        Document? holder = adamLocation.SourceTree is null ? null : solution.GetDocument(adamLocation.SourceTree);
        if (root is null || holder is null
            || AttributeEdits.AttributeAt(root, l2Span) is not { } l2 || LambdaOf(l2) is not { } lambda)
        {
            return solution;
        }

        SyntaxNode? holderRoot = holder.Id == document.Id ? root : await holder.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (holderRoot is null || AttributeEdits.AttributeAt(holderRoot, adamLocation.SourceSpan) is not { } adam)
        {
            return solution;
        }

        AttributeSyntax adamW = AttributeEdits.WithNamedArgument(
            adam.WithName(AdamWName(adam.Name)), "WeightDecay", lambda.WithoutTrivia());
        if (holder.Id == document.Id)
        {
            SyntaxNode tracked = root.TrackNodes(new SyntaxNode[] { l2, adam });
            tracked = tracked.ReplaceNode(tracked.GetCurrentNode(adam)!, adamW);
            return solution.WithDocumentSyntaxRoot(document.Id, AttributeEdits.WithoutAttribute(tracked, tracked.GetCurrentNode(l2)!));
        }

        return solution
            .WithDocumentSyntaxRoot(holder.Id, holderRoot.ReplaceNode(adam, adamW))
            .WithDocumentSyntaxRoot(document.Id, AttributeEdits.WithoutAttribute(root, l2));
    }

    /// <summary>
    /// <c>Adam</c> → <c>AdamW</c>, <c>Gen.AdamAttribute</c> → <c>Gen.AdamWAttribute</c>, keeping the
    /// user's qualification; an alias becomes <c>AdamW</c>, qualified only as the usings require.
    /// </summary>
    private static NameSyntax AdamWName(NameSyntax name)
    {
        SimpleNameSyntax? last = name switch
        {
            SimpleNameSyntax simple => simple,
            QualifiedNameSyntax qualified => qualified.Right,
            AliasQualifiedNameSyntax alias => alias.Name,
            _ => null,
        };

        string? renamed = last?.Identifier.ValueText switch
        {
            "Adam" => "AdamW",
            "AdamAttribute" => "AdamWAttribute",
            _ => null,
        };

        if (last is null || renamed is null)
        {
            return SyntaxFactory.ParseName("global::Gen.AdamW").WithTriviaFrom(name).WithAdditionalAnnotations(Simplifier.Annotation);
        }

        return name.ReplaceNode(last, SyntaxFactory.IdentifierName(SyntaxFactory.Identifier(renamed).WithTriviaFrom(last.Identifier)));
    }
}
