using System.Composition;
using Gen.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gen.CodeFixes;

/// <summary>GEN103: gives a linear hidden layer a ReLU, the usual default nonlinearity.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddReluFix)), Shared]
public sealed class AddReluFix : GenCodeFixProvider
{
    public AddReluFix()
        : base(DiagnosticIds.LinearHiddenLayer)
    {
    }

    private protected override void RegisterFixes(CodeFixContext context, SyntaxNode root, Diagnostic diagnostic)
    {
        if (AttributeEdits.AttributeAt(root, diagnostic.Location.SourceSpan) is not { } layer)
        {
            return;
        }

        // The rule reports the written 'Activation.Identity' argument, or the whole attribute when
        // no activation is written.
        AttributeSyntax relu = AttributeEdits.ArgumentAt(root, diagnostic.Location.SourceSpan) is { } identity
            ? layer.ReplaceNode(identity, identity.WithExpression(AttributeEdits.EnumMember(identity.Expression, "Gen.Activation", "ReLU")))
            : AttributeEdits.WithConstructorArgumentAdded(layer, "activation", AttributeEdits.EnumMember(null, "Gen.Activation", "ReLU"));

        context.RegisterCodeFix(
            Replace(context.Document, root, layer, relu, "Add Activation.ReLU", nameof(AddReluFix)),
            diagnostic);
    }
}
