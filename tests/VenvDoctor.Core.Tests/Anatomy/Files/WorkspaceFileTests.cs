using System.Diagnostics;
using VenvDoctor.Core.Anatomy.Files;
using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Core.Tests.Anatomy.Files;

/// <summary>
/// The one bounded reader on real special files: nothing that is not a regular file is read (or waited on), nothing
/// past a kind's cap is held, and every refusal names its reason.
/// </summary>
public sealed class WorkspaceFileTests
{
    // A read that could block or never end would hang the test: each is given this long.
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(5);

    private static FileRead ReadQuickly(string path, FileKind kind)
    {
        var read = Task.Run(() => WorkspaceFile.Read(path, kind));
        Assert.True(read.Wait(Quick), $"reading {path} did not return within {Quick}");
        return read.Result;
    }

    [Fact]
    public void A_small_regular_file_is_read_whole_with_its_bom_dropped_from_the_text()
    {
        using var tmp = new TempDir("vd-wsfile");
        var file = tmp.Combine("pyvenv.cfg");
        File.WriteAllBytes(file, [0xEF, 0xBB, 0xBF, .. "home = /usr/bin\n"u8]);

        var read = ReadQuickly(file, FileKind.PyvenvConfig);

        Assert.True(read.Ok);
        Assert.Equal(19, read.Bytes!.Length);
        Assert.Equal("home = /usr/bin\n", read.Text);
    }

    [Fact]
    public void A_fifo_is_refused_without_blocking()
    {
        using var tmp = new TempDir("vd-wsfile");
        var fifo = tmp.Combine("pyvenv.cfg");
        Run.Checked("mkfifo", fifo);

        var read = ReadQuickly(fifo, FileKind.PyvenvConfig);

        Assert.Equal(FileRefusal.NotRegular, read.Refusal);
        Assert.Equal($"{fifo} is a FIFO, not a regular file", read.Message);
    }

    [Fact]
    public void A_link_to_dev_zero_is_refused_though_its_size_says_zero()
    {
        using var tmp = new TempDir("vd-wsfile");
        var link = tmp.Combine("RECORD");
        File.CreateSymbolicLink(link, "/dev/zero");

        var read = ReadQuickly(link, FileKind.InstallRecord);

        Assert.Equal(FileRefusal.NotRegular, read.Refusal);
        Assert.Equal("is a character device, not a regular file", read.Reason);
        Assert.Throws<FileRefusedException>(() => WorkspaceFile.ReadText(link, FileKind.InstallRecord));
    }

    [Fact]
    public void A_socket_a_folder_and_a_loop_of_links_are_refused_each_with_its_reason()
    {
        using var tmp = new TempDir("vd-wsfile");
        var socket = tmp.Combine("s");
        Run.Checked(Pythons.Any?.Executable ?? "python3", "-c", "import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])", socket);
        var folder = tmp.Combine("settings.json");
        Directory.CreateDirectory(folder);
        var loop = tmp.Combine("loop");
        File.CreateSymbolicLink(loop, "loop");

        Assert.Equal("is a socket, not a regular file", ReadQuickly(socket, FileKind.Settings).Reason);
        Assert.Equal("is a folder, not a regular file", ReadQuickly(folder, FileKind.Settings).Reason);
        Assert.Equal("is a loop of symlinks, not a regular file", ReadQuickly(loop, FileKind.Settings).Reason);
        Assert.Equal(FileRefusal.Missing, ReadQuickly(tmp.Combine("absent"), FileKind.Settings).Refusal);
    }

    [Fact]
    public void A_file_over_its_kinds_cap_is_refused_and_a_prefix_of_it_is_still_read()
    {
        using var tmp = new TempDir("vd-wsfile");
        var huge = tmp.Combine("pyvenv.cfg");
        using (var fs = new FileStream(huge, FileMode.CreateNew)) fs.SetLength(200L << 20); // sparse
        var atCap = tmp.Combine("at-cap");
        File.WriteAllBytes(atCap, new byte[FileCaps.Of(FileKind.PyvenvConfig)]);
        var overByOne = tmp.Combine("over-by-one");
        File.WriteAllBytes(overByOne, new byte[FileCaps.Of(FileKind.PyvenvConfig) + 1]);

        var before = Process.GetCurrentProcess().PeakWorkingSet64;
        var read = ReadQuickly(huge, FileKind.PyvenvConfig);

        Assert.Equal(FileRefusal.OverCap, read.Refusal);
        Assert.Equal("is larger than the 64 KiB read of such a file", read.Reason);
        Assert.True(ReadQuickly(atCap, FileKind.PyvenvConfig).Ok);
        Assert.Equal(FileRefusal.OverCap, ReadQuickly(overByOne, FileKind.PyvenvConfig).Refusal);
        var prefix = WorkspaceFile.ReadPrefix(huge, FileKind.PyvenvConfig, 1000);
        Assert.True(prefix.Ok);
        Assert.Equal(1000, prefix.Bytes!.Length);
        Assert.True(Process.GetCurrentProcess().PeakWorkingSet64 - before < 64L << 20, "the 200 MB file was never held");
    }

    [Fact]
    public void A_proc_file_whose_size_says_zero_is_read_to_its_end()
    {
        var read = ReadQuickly("/proc/sys/fs/inotify/max_user_watches", FileKind.SystemSetting);

        Assert.True(read.Ok, read.Message);
        Assert.True(int.Parse(read.Text!.Trim()) > 0);
    }

    [Fact]
    public void An_unreadable_file_is_refused_with_permission_denied_unless_we_are_root()
    {
        using var tmp = new TempDir("vd-wsfile");
        var file = tmp.Combine("METADATA");
        File.WriteAllText(file, "Name: x\n");
        File.SetUnixFileMode(file, 0);

        var read = ReadQuickly(file, FileKind.DistributionMetadata);

        // Root reads through any mode bits: then the file is simply read.
        if (Environment.UserName == "root") Assert.True(read.Ok);
        else Assert.Equal("cannot be read (permission denied)", read.Reason);
    }
}
