using VenvDoctor.Core.Anatomy.Files;
using VenvDoctor.Core.Discovery.FileSystem;
using VenvDoctor.Core.Platform;
using VenvDoctor.Core.Platform.Linux;
using VenvDoctor.Core.Platform.Portable;
using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Core.Tests.Platform;

/// <summary>
/// Both implementations of the seam on the same real files: regular files, folders, symlinks (chains, dangling,
/// loops), FIFOs, sockets and devices. The portable one runs here on .NET's Linux calls, as it runs on macOS.
/// </summary>
public sealed class PlatformFilesTests
{
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(5);

    public static TheoryData<string> Platforms => ["linux", "portable"];

    private static IPlatform Of(string name) => name == "linux" ? new LinuxPlatform() : new PortablePlatform(HostOs.Linux);

    /// <summary>Runs <paramref name="call"/> on a thread of its own and fails if it does not return soon (a blocked open).</summary>
    private static T Quickly<T>(Func<T> call, string what)
    {
        var task = Task.Run(call);
        Assert.True(task.Wait(Quick), $"{what} did not return within {Quick}");
        return task.Result;
    }

    private static FileRead ReadAll(IPlatform platform, string path, FileKind kind = FileKind.PyvenvConfig) => Quickly(() =>
    {
        using var file = platform.Files.Open(path, kind, out var refusal);
        if (file is null) return refusal!;
        var buffer = new byte[4096];
        var n = file.Read(buffer, 0);
        return new FileRead(path, kind, buffer[..n], FileRefusal.None);
    }, $"reading {path}");

    [Fact]
    public void The_platform_chosen_at_start_up_here_is_linux()
    {
        Assert.IsType<LinuxPlatform>(Host.Platform);
        Assert.True(Host.IsLinux);
        Assert.False(Host.IsWindows || Host.IsMacOS);
        Assert.Equal(StringComparison.Ordinal, Host.PathComparison);
        Assert.Same(Host.Platform, Host.Platform);
    }

    [Fact]
    public void The_portable_platform_compares_paths_as_each_host_does()
    {
        Assert.Equal(StringComparison.OrdinalIgnoreCase, new PortablePlatform(HostOs.Windows).PathComparison);
        Assert.Equal(StringComparison.OrdinalIgnoreCase, new PortablePlatform(HostOs.MacOS).PathComparison);
        Assert.Equal(StringComparison.Ordinal, new PortablePlatform(HostOs.Linux).PathComparison);
        Assert.False(new PortablePlatform(HostOs.Windows).Writes.HasUnixModes);
        Assert.True(new PortablePlatform(HostOs.Windows).StartInfo("python.exe").CreateNoWindow);
    }

    [Theory, MemberData(nameof(Platforms))]
    public void Status_tells_files_folders_and_links_followed_or_not(string name)
    {
        var platform = Of(name);
        using var tmp = new TempDir("vd-platform");
        var file = tmp.Combine("pyvenv.cfg");
        File.WriteAllText(file, "home = /usr/bin\n");
        var folder = Directory.CreateDirectory(tmp.Combine("bin")).FullName;
        var link = tmp.Combine("python");
        File.CreateSymbolicLink(link, file);
        var dangling = tmp.Combine("dangling");
        File.CreateSymbolicLink(dangling, tmp.Combine("nowhere"));
        var loop = tmp.Combine("loop");
        File.CreateSymbolicLink(loop, "loop");

        Assert.Equal(FileStatus.Outcome.Found, platform.Files.Status(file, followLinks: false, out var f));
        Assert.True(f.IsFile);
        Assert.Equal(16, f.Size);
        Assert.Equal(File.GetLastWriteTimeUtc(file), f.WriteTimeUtc, TimeSpan.FromSeconds(1));
        Assert.Equal(File.GetUnixFileMode(file), (UnixFileMode)(f.Mode & 0xFFF));
        Assert.Equal(FileStatus.Outcome.Found, platform.Files.Status(folder, followLinks: true, out var d));
        Assert.True(d.IsDirectory);
        Assert.Equal(FileStatus.Outcome.Found, platform.Files.Status(link, followLinks: false, out var l));
        Assert.True(l.IsLink);
        Assert.Equal(FileStatus.Outcome.Found, platform.Files.Status(link, followLinks: true, out var target));
        Assert.True(target.IsFile);
        Assert.Equal(FileStatus.Outcome.Found, platform.Files.Status(dangling, followLinks: false, out var dl));
        Assert.True(dl.IsLink);
        Assert.Equal(FileStatus.Outcome.NotFound, platform.Files.Status(dangling, followLinks: true, out _));
        Assert.Equal(FileStatus.Outcome.NotFound, platform.Files.Status(loop, followLinks: true, out _));
        Assert.Equal(FileStatus.Outcome.NotFound, platform.Files.Status(tmp.Combine("absent"), followLinks: false, out _));
    }

    [Theory, MemberData(nameof(Platforms))]
    public void Real_paths_resolve_every_linked_component_and_refuse_loops(string name)
    {
        var platform = Of(name);
        using var tmp = new TempDir("vd-platform");
        var real = Directory.CreateDirectory(tmp.Combine("real", "bin")).FullName;
        File.WriteAllText(Path.Combine(real, "python3.12"), "");
        Directory.CreateSymbolicLink(tmp.Combine("opt"), tmp.Combine("real"));          // a linked folder
        File.CreateSymbolicLink(Path.Combine(real, "python3"), "python3.12");             // a relative link
        File.CreateSymbolicLink(tmp.Combine("python"), Path.Combine("opt", "bin", "python3")); // through both
        File.CreateSymbolicLink(tmp.Combine("a"), "b");
        File.CreateSymbolicLink(tmp.Combine("b"), "a");
        File.CreateSymbolicLink(tmp.Combine("dangling"), tmp.Combine("gone"));

        Assert.Equal(Path.Combine(real, "python3.12"), platform.Files.RealPath(tmp.Combine("python")));
        Assert.Equal(Path.Combine(real, "python3.12"), platform.Files.RealPath(tmp.Combine("opt", "bin", "..", "bin", "python3")));
        Assert.Null(platform.Files.RealPath(tmp.Combine("dangling")));
        Assert.Null(platform.Files.RealPath(tmp.Combine("opt", "absent")));
        Assert.Throws<IOException>(() => platform.Files.RealPath(tmp.Combine("a")));
    }

    [Theory, MemberData(nameof(Platforms))]
    public void The_open_sequence_reads_regular_files_and_refuses_the_rest_cleanly(string name)
    {
        var platform = Of(name);
        using var tmp = new TempDir("vd-platform");
        var file = tmp.Combine("pyvenv.cfg");
        File.WriteAllText(file, "version = 3.12.1\n");
        var viaLink = tmp.Combine("cfg-link");
        File.CreateSymbolicLink(viaLink, file);
        var folder = Directory.CreateDirectory(tmp.Combine("settings.json")).FullName;
        var loop = tmp.Combine("loop");
        File.CreateSymbolicLink(loop, "loop");
        var dangling = tmp.Combine("dangling");
        File.CreateSymbolicLink(dangling, tmp.Combine("gone"));

        Assert.Equal("version = 3.12.1\n", ReadAll(platform, file).Text);
        Assert.Equal("version = 3.12.1\n", ReadAll(platform, viaLink).Text);
        Assert.Equal("is a folder, not a regular file", ReadAll(platform, folder).Reason);
        Assert.Equal("is a loop of symlinks, not a regular file", ReadAll(platform, loop).Reason);
        Assert.Equal(FileRefusal.Missing, ReadAll(platform, dangling).Refusal);
        Assert.Equal(FileRefusal.Missing, ReadAll(platform, tmp.Combine("absent")).Refusal);
        var unchecked_ = Assert.Throws<FileRefusedException>(() => platform.Files.OpenUnchecked(tmp.Combine("absent"), FileKind.ScriptHead));
        Assert.Equal(FileRefusal.Missing, unchecked_.Read.Refusal);
    }

    [Theory, MemberData(nameof(Platforms))]
    public void A_fifo_never_blocks_and_is_never_read(string name)
    {
        var platform = Of(name);
        using var tmp = new TempDir("vd-platform");
        var fifo = tmp.Combine("pyvenv.cfg");
        Run.Checked("mkfifo", fifo);

        var read = ReadAll(platform, fifo);
        var head = Quickly(() =>
        {
            using var f = platform.Files.OpenUnchecked(fifo, FileKind.ScriptHead);
            try { return f.Read(new byte[64], 0); }
            catch (FileRefusedException e) { return -e.Read.Message.Length; }   // pread on a FIFO: ESPIPE, at once
        }, "a head read");

        if (name == "linux")
        {
            Assert.Equal($"{fifo} is a FIFO, not a regular file", read.Message);
            Assert.True(platform.Files.Status(fifo, followLinks: true, out var s) == FileStatus.Outcome.Found && !s.IsFile);
            Assert.True(head < 0, "the unchecked head read of a FIFO fails at once (ESPIPE)");
        }
        else
        {
            // .NET on a Unix cannot tell a FIFO from a file; its size, 0, keeps it from ever being opened.
            Assert.True(read.Ok);
            Assert.Empty(read.Bytes!);
            Assert.Equal(0, head);
        }
    }

    [Theory, MemberData(nameof(Platforms))]
    public void A_device_or_socket_is_refused_or_never_read(string name)
    {
        var platform = Of(name);
        using var tmp = new TempDir("vd-platform");
        var zero = tmp.Combine("RECORD");
        File.CreateSymbolicLink(zero, "/dev/zero");
        var socket = tmp.Combine("s");
        Run.Checked(Pythons.Any?.Executable ?? "python3", "-c", "import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])", socket);

        var fromZero = ReadAll(platform, zero, FileKind.InstallRecord);
        var fromSocket = ReadAll(platform, socket, FileKind.Settings);

        if (name == "linux")
        {
            Assert.Equal("is a character device, not a regular file", fromZero.Reason);
            Assert.Equal("is a socket, not a regular file", fromSocket.Reason);
        }
        else
        {
            Assert.Empty(fromZero.Bytes ?? []);   // size 0: not opened, never an endless read of zeros
            Assert.Empty(fromSocket.Bytes ?? []);
        }
    }

    [Theory, MemberData(nameof(Platforms))]
    public void An_unreadable_file_is_refused_with_permission_denied_unless_we_are_root(string name)
    {
        var platform = Of(name);
        using var tmp = new TempDir("vd-platform");
        var file = tmp.Combine("METADATA");
        File.WriteAllText(file, "Name: x\n");
        File.SetUnixFileMode(file, 0);

        var read = ReadAll(platform, file, FileKind.DistributionMetadata);

        // Root reads through any mode bits: then the file is simply read.
        if (Environment.UserName == "root") Assert.Equal("Name: x\n", read.Text);
        else Assert.Equal("cannot be read (permission denied)", read.Reason);
    }

    [Theory, MemberData(nameof(Platforms))]
    public void Listings_type_entries_without_following_links(string name)
    {
        var platform = Of(name);
        using var tmp = new TempDir("vd-platform");
        Directory.CreateDirectory(tmp.Combine("lib"));
        File.WriteAllText(tmp.Combine("pyvenv.cfg"), "");
        File.WriteAllText(tmp.Combine("other.txt"), "");
        Directory.CreateSymbolicLink(tmp.Combine("lib64"), "lib");
        File.CreateSymbolicLink(tmp.Combine("python"), "/usr/bin/python3");

        var typed = platform.Folders.ListTyped(tmp.Path).ToDictionary(e => e.Name, e => e.Type);
        var walk = platform.Folders.ListFolders(tmp.Path, withWriteTime: true, out var time);

        Assert.Equal(EntryType.Directory, typed["lib"]);
        Assert.Equal(EntryType.File, typed["pyvenv.cfg"]);
        Assert.Equal(EntryType.Link, typed["lib64"]);
        Assert.Equal(EntryType.Link, typed["python"]);
        Assert.Equal(["lib", "lib64", "pyvenv.cfg"], walk.Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.True(walk.Single(e => e.Name == "lib64").IsLink);
        Assert.Equal(Directory.GetLastWriteTimeUtc(tmp.Path), time!.Value, TimeSpan.FromSeconds(1));
        Assert.Null(platform.Folders.WriteTimeOf(tmp.Combine("absent")));
    }

    [Theory, MemberData(nameof(Platforms))]
    public void Rename_replaces_a_file_or_a_link_to_a_folder_atomically(string name)
    {
        var platform = Of(name);
        using var tmp = new TempDir("vd-platform");
        File.WriteAllText(tmp.Combine("new"), "new");
        File.WriteAllText(tmp.Combine("target"), "old");
        Directory.CreateDirectory(tmp.Combine("lib"));
        Directory.CreateSymbolicLink(tmp.Combine("lib64.tmp"), "lib");
        Directory.CreateSymbolicLink(tmp.Combine("lib64"), "elsewhere");

        platform.Writes.Rename(tmp.Combine("new"), tmp.Combine("target"));
        platform.Writes.Rename(tmp.Combine("lib64.tmp"), tmp.Combine("lib64"));

        Assert.Equal("new", File.ReadAllText(tmp.Combine("target")));
        Assert.False(File.Exists(tmp.Combine("new")));
        Assert.Equal("lib", new DirectoryInfo(tmp.Combine("lib64")).LinkTarget);
    }
}
