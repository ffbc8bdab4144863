using System;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Gen.Generators.Emit;

/// <summary>A small indented writer for generated C#: four spaces per level, '\n' line ends.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    /// <summary>
    /// Marks the next method to be compiled optimized from its first call. Methods that every
    /// training step runs get it: under tiered compilation they would first run unoptimized, and
    /// the background recompilation then competes with the training threads for the cores, during
    /// the first epochs of a run that may last only a second.
    /// </summary>
    public void OptimizedFromFirstCall() =>
        Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]");

    public void Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _indent * 4);
            _text.Append(line);
        }

        _text.Append('\n');
    }

    /// <summary>Writes <c>{</c>, indents, and returns a scope that closes the block when disposed.</summary>
    public Block OpenBlock(string? header = null, string close = "}")
    {
        if (header is not null)
        {
            Line(header);
        }

        Line("{");
        _indent++;
        return new Block(this, close);
    }

    public override string ToString() => _text.ToString();

    /// <summary>A float literal that parses back to exactly the same value, in the invariant culture.</summary>
    public static string Float(float value)
    {
        if (float.IsNaN(value) || float.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), "Only finite values are emitted; the rules reject the others.");
        }

        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return text + "f";
    }

    /// <summary>An identifier as C# must write it: a keyword gets an '@' (<c>@object</c>).</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>A dotted name (a namespace) with each part written as an identifier.</summary>
    public static string QualifiedName(string dotted) =>
        string.Join(".", dotted.Split('.').Select(Identifier));

    /// <summary>A containing type's header, <c>partial class Outer</c>, with its name written as an identifier.</summary>
    public static string Declaration(string declaration)
    {
        int space = declaration.LastIndexOf(' ');
        return declaration.Substring(0, space + 1) + Identifier(declaration.Substring(space + 1));
    }

    /// <summary>An integer literal with digit separators for readability (101_770).</summary>
    public static string Int(long value)
    {
        string digits = Math.Abs(value).ToString(CultureInfo.InvariantCulture);
        var grouped = new StringBuilder();
        for (int i = 0; i < digits.Length; i++)
        {
            if (i > 0 && (digits.Length - i) % 3 == 0)
            {
                grouped.Append('_');
            }

            grouped.Append(digits[i]);
        }

        return (value < 0 ? "-" : string.Empty) + grouped;
    }

    public readonly struct Block : IDisposable
    {
        private readonly CodeWriter _writer;
        private readonly string _close;

        public Block(CodeWriter writer, string close)
        {
            _writer = writer;
            _close = close;
        }

        public void Dispose()
        {
            _writer._indent--;
            _writer.Line(_close);
        }
    }
}
