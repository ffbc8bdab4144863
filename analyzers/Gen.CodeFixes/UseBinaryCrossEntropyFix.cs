using System.Collections.Generic;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Gen.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Gen.CodeFixes;

/// <summary>
/// GEN102: switches the loss to <c>LossKind.BinaryCrossEntropy</c> and removes the output's Sigmoid
/// or Tanh, because that loss takes logits and applies the sigmoid itself (keeping the activation
/// would trade this warning for GEN101).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseBinaryCrossEntropyFix)), Shared]
public sealed class UseBinaryCrossEntropyFix : GenCodeFixProvider
{
    public UseBinaryCrossEntropyFix()
        : base(DiagnosticIds.SquashedOutputWithRegressionLoss)
    {
    }

    private protected override void RegisterFixes(CodeFixContext context, SyntaxNode root, Diagnostic diagnostic)
    {
        if (AttributeEdits.ArgumentAt(root, diagnostic.Location.SourceSpan) is not { } loss)
        {
            return;
        }

        Document document = context.Document;
        context.RegisterCodeFix(
            CodeAction.Create(
                "Use LossKind.BinaryCrossEntropy on a linear output",
                cancellationToken => FixAsync(document, loss.Span, diagnostic.AdditionalLocations, cancellationToken),
                nameof(UseBinaryCrossEntropyFix)),
            diagnostic);
    }

    private static async Task<Solution> FixAsync(Document document, TextSpan lossSpan, IReadOnlyList<Location> activations, CancellationToken cancellationToken)
    {
        Solution solution = document.Project.Solution;
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || AttributeEdits.ArgumentAt(root, lossSpan) is not { } loss)
        {
            return solution;
        }

        var edits = new Dictionary<SyntaxNode, SyntaxNode>
        {
            [loss] = loss.WithExpression(AttributeEdits.EnumMember(loss.Expression, "Gen.LossKind", "BinaryCrossEntropy")),
        };

        // The activation is usually in the same file as the loss; a partial class may keep its
        // layers and its loss on different parts, so edit whichever document holds it.
        foreach (Location location in activations)
        {
            Document? holder = location.SourceTree is null ? null : solution.GetDocument(location.SourceTree);
            SyntaxNode? holderRoot = holder is null ? null
                : holder.Id == document.Id ? root
                : await holder.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (holder is null || holderRoot is null
                || AttributeEdits.ArgumentAt(holderRoot, location.SourceSpan) is not { Parent.Parent: AttributeSyntax layer } activation)
            {
                continue;
            }

            AttributeSyntax linear = AttributeEdits.WithoutArgument(layer, activation);
            if (holder.Id == document.Id)
            {
                edits[layer] = linear; // disjoint from the loss argument, so both replace at once
            }
            else
            {
                solution = solution.WithDocumentSyntaxRoot(holder.Id, holderRoot.ReplaceNode(layer, linear));
            }
        }

        return solution.WithDocumentSyntaxRoot(document.Id, root.ReplaceNodes(edits.Keys, (original, _) => edits[original]));
    }
}
