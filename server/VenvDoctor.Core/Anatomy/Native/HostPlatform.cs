using VenvDoctor.Core.Platform;

namespace VenvDoctor.Core.Anatomy.Native;

/// <summary>
/// What the environment's interpreter can load: its object format, CPU and C library, read from the base
/// interpreter's own header (the environment's <c>bin/python</c> resolved, never run); this machine's when that
/// cannot be read (a dangling link: other rules report that).
/// </summary>
public sealed record HostPlatform(BinaryFormat Format, string Machine, string? Libc)
{
    /// <summary>The platform part of a module tag on this host (<c>x86_64-linux-gnu</c>), or null when it has none we know.</summary>
    public string? TagPlatform => Format == BinaryFormat.Elf && Machine is "x86_64" or "aarch64" or "i386" or "s390x" or "riscv64" or "ppc64le"
        ? $"{Machine}-linux-{(Libc == "musl" ? "musl" : "gnu")}" : null;

    /// <summary>The platform part of a Windows module tag (<c>cp312-win_amd64</c>) for a PE interpreter, or null.</summary>
    public string? WindowsTagPlatform => Format != BinaryFormat.Pe ? null : Machine switch
    {
        "x86_64" => "win_amd64",
        "i386" => "win32",
        "aarch64" => "win_arm64",
        _ => null,
    };

    public string Describe() => new BinaryHeader(Format, [Machine], Libc, null).Describe();

    /// <summary>True when a file with <paramref name="header"/> can be loaded here, else why not.</summary>
    public string? WhyForeign(BinaryHeader header)
    {
        if (header.Format != Format) return $"a {header.Describe()} file cannot be loaded by a {Describe()} interpreter";
        if (!header.Machines.Contains(Machine)) return $"built for {string.Join('+', header.Machines)}, not {Machine}";
        if (Libc is not null && header.Libc is not null && header.Libc != Libc) return $"linked against {header.Libc}, not {Libc}";
        return null;
    }

    public static HostPlatform Of(EnvironmentFacts facts, BinaryHeaderCache headers)
    {
        var interpreter = facts.Copied?.Path ?? facts.Interpreter?.RealTarget;
        if (interpreter is not null && headers.Get(interpreter) is { Machines.Count: 1 } header)
            return new HostPlatform(header.Format, header.Machines[0], header.Format == BinaryFormat.Elf ? header.Libc ?? "glibc" : null);
        return ThisMachine();
    }

    /// <summary>This process's platform (the fallback).</summary>
    public static HostPlatform ThisMachine()
    {
        var format = Host.IsWindows ? BinaryFormat.Pe : Host.IsMacOS ? BinaryFormat.MachO : BinaryFormat.Elf;
        var machine = Host.Machine;
        var libc = format != BinaryFormat.Elf ? null : Directory.Exists("/lib") && Directory.EnumerateFiles("/lib", "ld-musl-*").Any() ? "musl" : "glibc";
        return new HostPlatform(format, machine, libc);
    }
}
