using System.Composition;
using Gen.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gen.CodeFixes;

/// <summary>GEN101: removes the activation of the last layer, so it outputs the logits the loss expects.</summary>
[ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(RemoveOutputActivationFix)), Shared]
public sealed class RemoveOutputActivationFix : GenCodeFixProvider
{
    public RemoveOutputActivationFix()
        : base(DiagnosticIds.OutputActivationBeforeCrossEntropy)
    {
    }

    private protected override void RegisterFixes(CodeFixContext context, SyntaxNode root, Diagnostic diagnostic)
    {
        if (AttributeEdits.ArgumentAt(root, diagnostic.Location.SourceSpan) is not { Parent.Parent: AttributeSyntax attribute } activation)
        {
            return;
        }

        context.RegisterCodeFix(
            Replace(context.Document, root, attribute, AttributeEdits.WithoutArgument(attribute, activation),
                "Remove the activation (output logits)", nameof(RemoveOutputActivationFix)),
            diagnostic);
    }
}
