using System.Collections.Generic;
using System.Linq;
using NetDsl.Nn;
using NetDsl.Runtime.Weights;
using NetDsl.Testing;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace NetDsl.Zoo.Tests.Parity;

/// <summary>
/// Training steps in float64 from the same weights on the same batch, in TorchSharp and in the exported PyTorch
/// module: SGD with momentum and weight decay, batch norm in training mode (dropout off: its masks are random),
/// auxiliary heads' losses weighted in. Two steps, so that momentum counts. Every parameter and buffer must agree.
/// </summary>
[Collection(ExportedReferenceCollection.Name)]
public class TrainingStepParityTests(ExportedReference reference, ITestOutputHelper output)
{
    /// <summary>max |TorchSharp − PyTorch| of a tensor must stay within this fraction of its largest magnitude.</summary>
    private const double Tolerance = 1e-8;

    private const double LearningRate = 0.1;
    private const double Momentum = 0.9;
    private const double WeightDecay = 1e-4;
    private const int Steps = 2;

    [ExportedReferenceTheory]
    [InlineData("CifarResNetA", 4)]
    [InlineData("CifarResNetB", 4)]
    [InlineData("GoogLeNet", 2)]
    public void SgdStepsLeaveTheSameParametersInBothEngines(string network, int batch)
    {
        using var folder = new ScratchFolder();
        var module = ExportedReference.Export(network, folder.Path);
        var plan = ExportedReference.Plan(network);
        using var scope = NewDisposeScope();
        torch.manual_seed(5);
        using var model = ExportedReference.Create(network);
        RandomNorms.Apply(model);
        model.to(ScalarType.Float64);
        var input = randn([batch, .. plan.Summary.Input.Dims.Select(d => (long)d)], ScalarType.Float64);
        var labels = randint(plan.Summary.Output.Channels, [batch], ScalarType.Int64);
        ModelWeights.Save(model, folder.File("netdsl.safetensors"));
        SafeTensorsFile.Save(folder.File("batch.safetensors"), new Dictionary<string, Tensor> { ["input"] = input, ["labels"] = labels });

        var answer = reference.Request("step", folder.Path, module, new { lr = LearningRate, momentum = Momentum, weight_decay = WeightDecay, steps = Steps });
        var losses = Train(model, input, labels);

        using var after = SafeTensorsFile.Open(folder.File("pytorch_after.safetensors"));
        var theirs = after.ReadAll();
        var ours = model.state_dict();
        Assert.Equal(ours.Keys.Order(System.StringComparer.Ordinal), theirs.Keys.Order(System.StringComparer.Ordinal));
        var worst = ours.Select(t => (t.Key, Relative: Relative(t.Value, theirs[t.Key]))).MaxBy(t => t.Relative);
        output.WriteLine($"{network}: losses TorchSharp [{string.Join(", ", losses)}], PyTorch [{string.Join(", ", answer.GetProperty("losses").EnumerateArray())}]; worst tensor {worst.Key} at {worst.Relative:E2}");
        Assert.True(worst.Relative <= Tolerance, $"{network}: after {Steps} steps '{worst.Key}' differs by {worst.Relative:E2} of its largest magnitude");
    }

    private static List<double> Train(nn.Module<Tensor, Tensor> model, Tensor input, Tensor labels)
    {
        model.train();
        foreach (var (_, module) in model.named_modules())
        {
            if (module is TorchSharp.Modules.Dropout dropout)
            {
                dropout.eval();
            }
        }

        using var optimizer = torch.optim.SGD(model.parameters(), LearningRate, momentum: Momentum, weight_decay: WeightDecay);
        var losses = new List<double>();
        for (var step = 0; step < Steps; step++)
        {
            optimizer.zero_grad();
            var loss = Loss(model, input, labels);
            loss.backward();
            optimizer.step();
            losses.Add(loss.ToDouble());
        }

        return losses;
    }

    private static Tensor Loss(nn.Module<Tensor, Tensor> model, Tensor input, Tensor labels)
    {
        if (model is not IAuxiliaryClassifiers withHeads)
        {
            return nn.functional.cross_entropy(model.forward(input), labels);
        }

        var outputs = withHeads.ForwardWithAuxiliary(input);
        return outputs.Auxiliary.Aggregate(nn.functional.cross_entropy(outputs.Logits, labels), (loss, head) => loss + (head.LossWeight * nn.functional.cross_entropy(head.Logits, labels)));
    }

    private static double Relative(Tensor ours, Tensor theirs)
    {
        var (difference, magnitude) = ParityTensors.Compare(ours.to_type(ScalarType.Float64), theirs.to_type(ScalarType.Float64));
        return magnitude == 0 ? difference : difference / magnitude;
    }
}
