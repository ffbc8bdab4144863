using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Gen.CodeFixes;

/// <summary>
/// The shape every Gen fix shares: one diagnostic id, one or more actions that each rewrite one
/// document, and fix-all by batching (each fix touches only the syntax of its own diagnostic, so
/// the batch fixer can merge them).
/// </summary>
public abstract class GenCodeFixProvider : CodeFixProvider
{
    private protected GenCodeFixProvider(string diagnosticId) => FixableDiagnosticIds = ImmutableArray.Create(diagnosticId);

    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

    public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            RegisterFixes(context, root, diagnostic);
        }
    }

    /// <summary>Registers this provider's actions for <paramref name="diagnostic"/>, when it can fix it.</summary>
    private protected abstract void RegisterFixes(CodeFixContext context, SyntaxNode root, Diagnostic diagnostic);

    /// <summary>An action that replaces one node of the diagnostic's document.</summary>
    private protected static CodeAction Replace(Document document, SyntaxNode root, SyntaxNode oldNode, SyntaxNode newNode, string title, string equivalenceKey) =>
        CodeAction.Create(
            title,
            (CancellationToken _) => Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(oldNode, newNode))),
            equivalenceKey);
}
