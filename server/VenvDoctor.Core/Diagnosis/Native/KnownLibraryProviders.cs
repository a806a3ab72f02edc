using System.Text.RegularExpressions;

namespace VenvDoctor.Core.Diagnosis.Native;

/// <summary>
/// Libraries a known package provides, so a <c>library-missing</c> message can say what to install: NVIDIA's CUDA
/// libraries come as <c>nvidia-*-cuXX</c> wheels (TensorFlow and torch builds need <c>libcudart.so.12</c> and friends),
/// with the CUDA major from the soname. Null when the library is not one we know.
/// </summary>
public static partial class KnownLibraryProviders
{
    private static readonly Dictionary<string, string> NvidiaPackages = new(StringComparer.Ordinal)
    {
        ["cudart"] = "nvidia-cuda-runtime",
        ["cublas"] = "nvidia-cublas",
        ["cublasLt"] = "nvidia-cublas",
        ["cudnn"] = "nvidia-cudnn",
        ["cufft"] = "nvidia-cufft",
        ["curand"] = "nvidia-curand",
        ["cusolver"] = "nvidia-cusolver",
        ["cusparse"] = "nvidia-cusparse",
        ["nccl"] = "nvidia-nccl",
        ["nvrtc"] = "nvidia-cuda-nvrtc",
        ["cupti"] = "nvidia-cuda-cupti",
        ["nvJitLink"] = "nvidia-nvjitlink",
        ["nvToolsExt"] = "nvidia-nvtx",
    };

    public static string? PackageFor(string soname)
    {
        var m = Soname().Match(soname);
        if (!m.Success || !NvidiaPackages.TryGetValue(m.Groups["name"].Value, out var package)) return null;
        // cuDNN and NCCL version themselves, not by CUDA: their wheels are still named for the CUDA major (cu12).
        var cuda = m.Groups["name"].Value is "cudnn" or "nccl" ? "12" : m.Groups["major"].Value;
        return $"{package}-cu{cuda}";
    }

    [GeneratedRegex(@"^lib(?<name>[A-Za-z]+)\.so\.(?<major>\d+)")]
    private static partial Regex Soname();
}
