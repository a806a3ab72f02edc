using VenvDoctor.Core.Anatomy;
namespace VenvDoctor.Core.Watching;

/// <summary>
/// Pairs environments that disappeared with ones that appeared, so that a move is reported once (A → B) rather than
/// as a removal and an addition. Evidence, strongest first:
/// 1. a rename the OS reported (inotify cookie pairs MovedFrom/MovedTo), re-based onto the environment's path;
/// 2. the newcomer's recorded location is the vanished path (it was made there);
/// 3. the same identity (pyvenv.cfg text, interpreter links, recorded location): a move of a moved environment,
///    a copy-then-delete, or a move between two watched roots.
/// Pure: no I/O, so it is tested on its own.
/// </summary>
public static class MoveMatcher
{
    public sealed record Candidate(string Path, EnvironmentIdentity Identity);

    public sealed record Result(
        IReadOnlyList<(Candidate From, Candidate To)> Moves,
        IReadOnlyList<Candidate> Removed,
        IReadOnlyList<Candidate> Added);

    /// <param name="renames">Folder renames seen in this batch (old path → new path).</param>
    public static Result Match(IReadOnlyList<Candidate> vanished, IReadOnlyList<Candidate> appeared,
        IReadOnlyList<(string From, string To)> renames)
    {
        var moves = new List<(Candidate, Candidate)>();
        var left = vanished.OrderBy(v => v.Path, StringComparer.Ordinal).ToList();
        var open = appeared.OrderBy(a => a.Path, StringComparer.Ordinal).ToList();

        Pair(left, open, moves, (v, a) => renames.Any(r => Paths.Rebase(v.Path, r.From, r.To) == a.Path));
        Pair(left, open, moves, (v, a) => a.Identity.RecordedLocation == v.Path);
        Pair(left, open, moves, (v, a) => a.Identity.SameAs(v.Identity));
        return new Result(moves, left, open);
    }

    private static void Pair(List<Candidate> left, List<Candidate> open, List<(Candidate, Candidate)> moves, Func<Candidate, Candidate, bool> same)
    {
        foreach (var v in left.ToList())
        {
            var a = open.FirstOrDefault(a => same(v, a));
            if (a is null) continue;
            moves.Add((v, a));
            left.Remove(v);
            open.Remove(a);
        }
    }
}
