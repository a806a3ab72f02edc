using System.Buffers.Binary;
using System.Text;
using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Anatomy.Git;
using VenvDoctor.Core.Diagnosis;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Core.Tests.Anatomy.Git;

/// <summary>
/// An index that is garbled, truncated, huge, lying about its size or not a file at all: whether the environment is
/// tracked is unknown, said in one line, and nothing throws; a large valid index is streamed in bounded memory.
/// </summary>
public sealed class HostileIndexTests
{
    /// <summary>A repository (a bare <c>.git</c> with HEAD, as git init leaves it) holding a folder <c>env</c>.</summary>
    private static (string Env, string Index) Repository(TempDir tmp)
    {
        var gitDir = tmp.Combine("repo", ".git");
        Directory.CreateDirectory(gitDir);
        File.WriteAllText(Path.Combine(gitDir, "HEAD"), "ref: refs/heads/main\n");
        var env = tmp.Combine("repo", "env");
        Directory.CreateDirectory(env);
        return (PathResolver.RealPath(env)!, Path.Combine(gitDir, "index"));
    }

    /// <summary>A version 2 index as git writes it: header, entries padded to 8 bytes, a (here unchecked) checksum.</summary>
    internal static void WriteIndex(string file, IEnumerable<string> paths, int count)
    {
        using var stream = new BufferedStream(File.Create(file), 1 << 16);
        Span<byte> word = stackalloc byte[4];
        stream.Write("DIRC"u8);
        BinaryPrimitives.WriteUInt32BigEndian(word, 2);
        stream.Write(word);
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)count);
        stream.Write(word);
        var fixedPart = new byte[62];
        BinaryPrimitives.WriteUInt32BigEndian(fixedPart.AsSpan(24), 0x81A4); // mode 100644
        foreach (var path in paths)
        {
            var name = Encoding.UTF8.GetBytes(path);
            BinaryPrimitives.WriteUInt16BigEndian(fixedPart.AsSpan(60), (ushort)Math.Min(name.Length, 0xFFF));
            stream.Write(fixedPart);
            stream.Write(name);
            stream.Write(new byte[((62 + name.Length + 8) & ~7) - 62 - name.Length]);
        }
        stream.Write(new byte[20]);
    }

    private static GitTracking AssertUnknownInOneLine(string env, string says)
    {
        var tracking = GitTracking.Of(env);
        Assert.Equal(TrackedState.Unknown, tracking.State);
        Assert.Contains(says, tracking.Note);
        Assert.DoesNotContain('\n', tracking.Note!);
        var finding = new EnvironmentDiagnoser().Diagnose(env).Findings.Single(f => f.Code == FindingCodes.TrackedInGit);
        Assert.Equal(Severity.Info, finding.Severity);
        return tracking;
    }

    [Fact]
    public void A_valid_index_is_read_entry_by_entry_and_stops_at_the_first_entry_inside()
    {
        using var tmp = new TempDir();
        var (env, index) = Repository(tmp);
        WriteIndex(index, ["README", "env/bin/python", "env/pyvenv.cfg", "src/x.py"], 4);
        Assert.Equal((TrackedState.Tracked, "env/bin/python"), (GitTracking.Of(env).State, GitTracking.Of(env).TrackedPath));
        WriteIndex(index, ["README", "env.txt", "envy/x", "src/x.py"], 4);
        Assert.Equal(TrackedState.NotTracked, GitTracking.Of(env).State); // a name that starts like the folder is not in it
    }

    [Fact]
    public void Garbled_truncated_lying_and_unsupported_indexes_are_unknown_with_one_line()
    {
        using var tmp = new TempDir();
        var (env, index) = Repository(tmp);
        File.WriteAllBytes(index, Encoding.ASCII.GetBytes("not an index at all\n"));
        AssertUnknownInOneLine(env, "does not start with DIRC");

        WriteIndex(index, ["README", "env/pyvenv.cfg"], 2);
        var whole = File.ReadAllBytes(index);
        File.WriteAllBytes(index, whole[..(12 + 72 + 40)]); // cut inside the second entry (README's takes 72 bytes)
        AssertUnknownInOneLine(env, "ends early");

        File.WriteAllBytes(index, [.. whole[..8], 0x7F, 0xFF, 0xFF, 0xFF, .. whole[12..]]);
        AssertUnknownInOneLine(env, "claims 2147483647 entries");

        File.WriteAllBytes(index, [.. whole[..7], 9, .. whole[8..]]);
        AssertUnknownInOneLine(env, "version is 9");

        var garbled = (byte[])whole.Clone();
        garbled[12 + 60] = 0x4F; // flags: extended (which version 2 has not) and a path length past the end
        garbled[12 + 61] = 0xF0;
        File.WriteAllBytes(index, garbled);
        AssertUnknownInOneLine(env, "extended flags");
    }

    [Fact]
    public void A_huge_index_a_fifo_and_a_dangling_git_file_are_unknown_and_never_read()
    {
        using var tmp = new TempDir();
        var (env, index) = Repository(tmp);
        using (var huge = File.Create(index)) huge.SetLength(2L * 1024 * 1024 * 1024); // sparse: 2 GiB claimed, nothing stored
        AssertUnknownInOneLine(env, "larger than the 1 GiB read");

        File.Delete(index);
        Run.Checked("mkfifo", index);
        AssertUnknownInOneLine(env, "FIFO");

        var nested = tmp.Combine("repo", "env", "inner");
        Directory.CreateDirectory(nested);
        File.WriteAllText(Path.Combine(nested, ".git"), "gitdir: ../nowhere\n");
        var tracking = GitTracking.Of(PathResolver.RealPath(nested)!);
        Assert.Equal(TrackedState.Unknown, tracking.State);
        Assert.Contains("which is not a folder", tracking.Note);
    }

    [Fact]
    public void A_large_index_is_streamed_in_bounded_memory()
    {
        using var tmp = new TempDir();
        var (env, index) = Repository(tmp);
        const int entries = 400_000;
        IEnumerable<string> Paths(string last)
        {
            for (var i = 0; i < entries - 1; i++) yield return $"a/src/module{i:D7}/file.py";
            yield return last;
        }
        WriteIndex(index, Paths("zzz/last"), entries);
        Assert.True(new FileInfo(index).Length > 30_000_000, $"the index is {new FileInfo(index).Length} bytes");

        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(TrackedState.NotTracked, GitTracking.Of(env).State); // read up to env/'s place: 400,000 entries
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 4 * 1024 * 1024, $"reading a {new FileInfo(index).Length}-byte index allocated {allocated} bytes");

        // With a sharedindex.* beside it the index may be split: every entry and then its extensions are read.
        File.WriteAllBytes(Path.Combine(Path.GetDirectoryName(index)!, "sharedindex.0000000000000000000000000000000000000000"), []);
        before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(TrackedState.NotTracked, GitTracking.Of(env).State);
        allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 4 * 1024 * 1024, $"reading a {new FileInfo(index).Length}-byte index to its end allocated {allocated} bytes");

        WriteIndex(index, Paths("env/pyvenv.cfg"), entries);
        Assert.Equal((TrackedState.Tracked, "env/pyvenv.cfg"), (GitTracking.Of(env).State, GitTracking.Of(env).TrackedPath));
    }
}
