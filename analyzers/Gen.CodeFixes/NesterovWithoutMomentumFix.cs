using System.Composition;
using Gen.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gen.CodeFixes;

/// <summary>
/// GEN105: two ways out of <c>Nesterov = true</c> without momentum: drop Nesterov (plain SGD, as
/// it trains now), or add the customary momentum of 0.9 (what Nesterov was meant to accelerate).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NesterovWithoutMomentumFix)), Shared]
public sealed class NesterovWithoutMomentumFix : GenCodeFixProvider
{
    /// <summary>Equivalence key of the action that removes <c>Nesterov</c>, for fix-all.</summary>
    public const string RemoveNesterovKey = "RemoveNesterov";

    /// <summary>Equivalence key of the action that sets <c>Momentum = 0.9f</c>, for fix-all.</summary>
    public const string SetMomentumKey = "SetMomentum";

    private const string CustomaryMomentum = "0.9";

    public NesterovWithoutMomentumFix()
        : base(DiagnosticIds.NesterovWithoutMomentum)
    {
    }

    private protected override void RegisterFixes(CodeFixContext context, SyntaxNode root, Diagnostic diagnostic)
    {
        if (AttributeEdits.ArgumentAt(root, diagnostic.Location.SourceSpan) is not { Parent.Parent: AttributeSyntax optimizer } nesterov)
        {
            return;
        }

        context.RegisterCodeFix(
            Replace(context.Document, root, optimizer, AttributeEdits.WithoutArgument(optimizer, nesterov), "Remove Nesterov", RemoveNesterovKey),
            diagnostic);
        context.RegisterCodeFix(
            Replace(context.Document, root, optimizer,
                AttributeEdits.WithNamedArgument(optimizer, "Momentum", AttributeEdits.FloatLiteral(CustomaryMomentum)),
                $"Set Momentum = {CustomaryMomentum}f", SetMomentumKey),
            diagnostic);
    }
}
