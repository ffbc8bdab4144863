using System.Composition;
using Gen.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gen.CodeFixes;

/// <summary>GEN104: sets the learning rate to the optimizer's default, which the rule passes along.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseDefaultLearningRateFix)), Shared]
public sealed class UseDefaultLearningRateFix : GenCodeFixProvider
{
    public UseDefaultLearningRateFix()
        : base(DiagnosticIds.LearningRateOutsideTypicalRange)
    {
    }

    private protected override void RegisterFixes(CodeFixContext context, SyntaxNode root, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(DiagnosticIds.DefaultLearningRateProperty, out string? rate) || rate is null
            || AttributeEdits.ArgumentAt(root, diagnostic.Location.SourceSpan) is not { } argument)
        {
            return;
        }

        ExpressionSyntax literal = AttributeEdits.FloatLiteral(rate).WithTriviaFrom(argument.Expression);
        context.RegisterCodeFix(
            Replace(context.Document, root, argument, argument.WithExpression(literal),
                $"Use the default learning rate ({rate})", nameof(UseDefaultLearningRateFix)),
            diagnostic);
    }
}
