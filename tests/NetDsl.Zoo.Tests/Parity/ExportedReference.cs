using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetDsl.Language.Backends.PyTorch;
using NetDsl.Language.Plan;
using NetDsl.Testing;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Zoo.Tests.Parity;

/// <summary>
/// The zoo's networks exported for PyTorch by netdsl's back end, and exported_reference.py serving requests about them
/// in one long-lived Debian PyTorch process (torch is imported once for all of them); shared by the tests of
/// <see cref="ExportedReferenceCollection"/>, which run one at a time.
/// </summary>
public sealed class ExportedReference : IDisposable
{
    private static readonly Lazy<IReadOnlyDictionary<string, NetworkPlan>> Plans =
        new(() => ZooPlans.Load(Path.GetDirectoryName(ZooReferences.RepositoryFile(Path.Combine("samples", "NetDsl.Zoo", "references.json")))!));

    private readonly Process? _python;

    public ExportedReference()
    {
        if (WhyUnavailable is null)
        {
            var start = new ProcessStartInfo(ReferencePython.Python) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add(ReferencePython.Script("exported_reference.py"));
            start.ArgumentList.Add("serve");
            _python = Process.Start(start)!;
        }
    }

    /// <summary>Why the reference cannot run here, or null when it can.</summary>
    public static string? WhyUnavailable { get; } = ReferencePython.Missing("torch");

    /// <summary>The zoo's networks, by class name.</summary>
    public static IEnumerable<string> Networks => Plans.Value.Keys.Order(StringComparer.Ordinal);

    /// <summary>The plan of <paramref name="network"/>.</summary>
    public static NetworkPlan Plan(string network) => Plans.Value[network];

    /// <summary>The generated TorchSharp class of <paramref name="network"/>, built with its default arguments (auxiliary heads included).</summary>
    public static nn.Module<Tensor, Tensor> Create(string network)
    {
        var type = typeof(ResNet18).Assembly.GetType("NetDsl.Zoo." + network, throwOnError: true)!;
        var constructor = type.GetConstructors().Single();
        return (nn.Module<Tensor, Tensor>)constructor.Invoke(constructor.GetParameters().Select(p => p.DefaultValue).ToArray());
    }

    /// <summary>Writes <paramref name="network"/>'s Python module into <paramref name="folder"/> and returns it.</summary>
    public static PyTorchModule Export(string network, string folder)
    {
        var module = PyTorchEmitter.Emit(Plan(network));
        File.WriteAllText(Path.Combine(folder, module.ModuleName + ".py"), module.Source);
        return module;
    }

    /// <summary>Sends one request (see exported_reference.py) about <paramref name="module"/> in <paramref name="folder"/> and returns the answer.</summary>
    public JsonElement Request(string command, string folder, PyTorchModule module, object? settings = null)
    {
        var request = new Dictionary<string, object> { ["command"] = command, ["folder"] = folder, ["module"] = module.ModuleName, ["class"] = module.ClassName };
        foreach (var property in settings?.GetType().GetProperties() ?? [])
        {
            request[property.Name] = property.GetValue(settings)!;
        }

        _python!.StandardInput.WriteLine(JsonSerializer.Serialize(request));
        _python.StandardInput.Flush();
        var line = _python.StandardOutput.ReadLine() ?? throw new InvalidOperationException("exported_reference.py exited without an answer.");
        var answer = JsonDocument.Parse(line).RootElement.Clone();
        if (answer.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException($"exported_reference.py {command} {module.ClassName} failed:\n{error.GetString()}");
        }

        return answer;
    }

    public void Dispose()
    {
        if (_python is not null)
        {
            _python.StandardInput.Close();
            _python.WaitForExit();
            _python.Dispose();
        }
    }
}

/// <summary>The tests that talk to <see cref="ExportedReference"/>'s process, one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ExportedReferenceCollection : ICollectionFixture<ExportedReference>
{
    public const string Name = "exported reference";
}

/// <summary>A theory that needs Debian's PyTorch; skipped, with the install command, where it cannot run.</summary>
public sealed class ExportedReferenceTheoryAttribute : TheoryAttribute
{
    public ExportedReferenceTheoryAttribute() => Skip = ExportedReference.WhyUnavailable;
}
