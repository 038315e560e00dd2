using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using NetDsl.Generators.Attributes;
using NetDsl.Language;
using NetDsl.Language.Diagnostics;

using NetDsl.Language.Model;

namespace NetDsl.Generators
{
    /// <summary>
    /// Turns every <c>*.net.yaml</c> additional file and every class declared with <c>[NetBlock]</c> or
    /// <c>[Network]</c> into TorchSharp module classes. Each file or class is parsed on its own, all their blocks
    /// form one library, and each is checked against it and emitted. Sources and
    /// diagnostics are separate outputs, so a change that only moves a diagnostic does not re-add sources.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class NetDslGenerator : IIncrementalGenerator
    {
        /// <summary>The namespace of generated classes when neither the spec nor the project names one.</summary>
        public const string FallbackNamespace = "NetDsl.Generated";

        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var rootNamespace = context.AnalyzerConfigOptionsProvider
                .Select((options, _) => options.GlobalOptions.TryGetValue("build_property.RootNamespace", out var ns)
                    && !string.IsNullOrWhiteSpace(ns) ? ns : FallbackNamespace)
                .WithTrackingName(TrackingNames.RootNamespace);

            var parsed = context.AdditionalTextsProvider
                .Where(text => text.Path.EndsWith(".net.yaml", StringComparison.OrdinalIgnoreCase))
                .Combine(rootNamespace)
                .Select((pair, cancellationToken) => Parse(pair.Left, pair.Right, cancellationToken))
                .WithTrackingName(TrackingNames.Parse);

            var blockDeclarations = context.SyntaxProvider
                .ForAttributeWithMetadataName(DeclarationNames.NetBlock, static (node, _) => node is ClassDeclarationSyntax, DeclarationReader.ReadBlock)
                .WithTrackingName(TrackingNames.ReadBlockDeclaration);
            var networkDeclarations = context.SyntaxProvider
                .ForAttributeWithMetadataName(DeclarationNames.Network, static (node, _) => node is ClassDeclarationSyntax, DeclarationReader.ReadNetwork)
                .WithTrackingName(TrackingNames.ReadNetworkDeclaration);
            var declared = blockDeclarations.Collect()
                .Combine(networkDeclarations.Collect())
                .SelectMany((pair, _) => pair.Left.AddRange(pair.Right).OfType<ParsedFile>())
                .WithTrackingName(TrackingNames.Declarations);

            var library = Blocks(parsed, TrackingNames.Blocks)
                .Combine(Blocks(declared, TrackingNames.DeclarationBlocks))
                .Select((pair, _) => pair.Left.Concat(pair.Right).ToEquatableArray())
                .WithTrackingName(TrackingNames.Library);

            // Only the reporting re-runs per compilation: it places diagnostics in the syntax trees they point into.
            var trees = context.CompilationProvider.Select((compilation, _) => compilation.SyntaxTrees.ToImmutableArray());
            Outputs(context, parsed, library, trees, (TrackingNames.Emit, TrackingNames.Source, TrackingNames.Diagnostics));
            Outputs(context, declared, library, trees, (TrackingNames.DeclarationEmit, TrackingNames.DeclarationSource, TrackingNames.DeclarationDiagnostics));
        }

        /// <summary>Every block of <paramref name="files"/>, in one array.</summary>
        private static IncrementalValueProvider<EquatableArray<BlockDef>> Blocks(IncrementalValuesProvider<ParsedFile> files, string trackingName) => files
            .Select((file, _) => file.Parsed.File?.Blocks ?? EquatableArray<BlockDef>.Empty)
            .WithTrackingName(trackingName)
            .Collect()
            .Select((all, _) => all.SelectMany(blocks => blocks).ToEquatableArray());

        /// <summary>Checks and emits each file against the library; sources and diagnostics are separate outputs.</summary>
        private static void Outputs(
            IncrementalGeneratorInitializationContext context,
            IncrementalValuesProvider<ParsedFile> files,
            IncrementalValueProvider<EquatableArray<BlockDef>> library,
            IncrementalValueProvider<ImmutableArray<SyntaxTree>> trees,
            (string Emit, string Source, string Diagnostics) names)
        {
            var results = files
                .Combine(library)
                .Select((pair, _) => new FileResult(pair.Left.HintName, NetDslProject.Generate(pair.Left.Path, pair.Left.Parsed, pair.Right)))
                .WithTrackingName(names.Emit);

            var sources = results
                .Select((result, _) => new GeneratedSource(result.HintName, result.Result.Source))
                .WithTrackingName(names.Source);

            var diagnostics = results
                .Select((result, _) => result.Result.Diagnostics)
                .WithTrackingName(names.Diagnostics);

            context.RegisterSourceOutput(sources, static (spc, source) => AddSource(spc, source));
            context.RegisterSourceOutput(diagnostics.Combine(trees), static (spc, pair) =>
            {
                foreach (var diagnostic in pair.Left)
                {
                    spc.ReportDiagnostic(Diagnostics.Create(diagnostic, pair.Right));
                }
            });
        }

        private static ParsedFile Parse(AdditionalText text, string rootNamespace, System.Threading.CancellationToken cancellationToken)
        {
            var content = text.GetText(cancellationToken);
            if (content is null)
            {
                var unreadable = DiagnosticDescriptors.InternalError.Create(SourceSpan.None(text.Path), "the spec file could not be read");
                return new ParsedFile(HintName(text.Path), text.Path, new ParseResult(null, EquatableArray.Of(unreadable)));
            }

            return new ParsedFile(HintName(text.Path), text.Path, NetDslProject.Parse(text.Path, content.ToString(), rootNamespace));
        }

        private static void AddSource(SourceProductionContext context, GeneratedSource source)
        {
            if (source.Text is null)
            {
                return;
            }

            try
            {
                context.AddSource(source.HintName, SourceText.From(source.Text, System.Text.Encoding.UTF8));
            }
            catch (ArgumentException e)
            {
                context.ReportDiagnostic(Diagnostic.Create(Diagnostics.Descriptor(DiagnosticDescriptors.InternalError.Id, Severity.Error), Location.None, e.Message));
            }
        }

        /// <summary><c>resnet50.net.g.cs</c>; a hash of the directory keeps same-named specs in different folders apart.</summary>
        internal static string HintName(string path)
        {
            var name = new string(Path.GetFileNameWithoutExtension(path).Select(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_').ToArray());
            var directory = Path.GetDirectoryName(path) ?? string.Empty;
            var hash = directory.Aggregate(2166136261u, (h, c) => unchecked((h ^ c) * 16777619u));
            return name + "." + hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture) + ".g.cs";
        }

        private sealed record FileResult(string HintName, PipelineResult Result);

        private sealed record GeneratedSource(string HintName, string? Text);
    }
}
