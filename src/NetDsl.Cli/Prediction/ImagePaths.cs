using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Data;

namespace NetDsl.Cli.Prediction;

/// <summary>The image files <c>netdsl predict</c> is given: files as they are, folders as every image under them.</summary>
internal static class ImagePaths
{
    /// <summary>
    /// Each file of <paramref name="arguments"/> (whatever its extension: one that cannot be decoded is reported when
    /// it is read), and every image (<see cref="ImageFile.Extensions"/>) under each folder, sub-folders included, in
    /// ordinal order.
    /// </summary>
    /// <exception cref="CliException">A path does not exist, or a folder holds no images.</exception>
    public static IReadOnlyList<string> Expand(IEnumerable<string> arguments)
    {
        var files = new List<string>();
        foreach (var argument in arguments)
        {
            if (File.Exists(argument))
            {
                files.Add(argument);
            }
            else if (Directory.Exists(argument))
            {
                var images = Directory.EnumerateFiles(argument, "*", SearchOption.AllDirectories)
                    .Where(ImageFile.IsImage)
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (images.Count == 0)
                {
                    throw new CliException(ExitCodes.Usage, $"images: the folder '{argument}' holds no images ({string.Join(", ", ImageFile.Extensions)}).");
                }

                files.AddRange(images);
            }
            else
            {
                throw new CliException(ExitCodes.Usage, $"images: '{argument}' is neither a file nor a folder.");
            }
        }

        return files;
    }
}
