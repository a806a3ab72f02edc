using VenvDoctor.Core.Anatomy;
using System.Text;

namespace VenvDoctor.Core.Repair.Rewriting;

/// <summary>
/// Sets one top-level string member of a JSONC document (VS Code's settings.json: comments, trailing commas) by a
/// minimal text edit: an existing value is replaced in place; a new member is inserted after the last one with
/// its indentation, everything else (comments, order, formatting) untouched. Hand-written because System.Text.Json
/// can skip comments but not write them back, and a re-serialisation would reformat the user's file.
/// </summary>
public static class JsoncEdit
{
    /// <summary>The member of a <c>*.code-workspace</c> file that holds its settings.</summary>
    public const string WorkspaceSettingsMember = "settings";

    public static string SetTopLevelString(string text, string key, string value) => SetMember(text, key, Json(value));

    /// <summary>
    /// Sets <paramref name="key"/> inside the top-level <c>settings</c> object of a <c>*.code-workspace</c> file, by
    /// the same minimal edit; the object is added (one line) when the file has none.
    /// </summary>
    public static string SetWorkspaceSettingString(string text, string key, string value)
    {
        var members = TopLevelMembers(text, out var rootOpen, out _);
        if (rootOpen < 0) throw new RepairException("The workspace file does not hold a JSON object; not edited.");
        var settings = members.LastOrDefault(m => m.Key == WorkspaceSettingsMember);
        if (settings is null) return SetMember(text, WorkspaceSettingsMember, $"{{ {Json(key)}: {Json(value)} }}");
        if (text[settings.ValueStart] != '{') throw new RepairException("The workspace file's \"settings\" is not an object; not edited.");
        var inner = SetMember(text[settings.ValueStart..settings.ValueEnd], key, Json(value));
        return text[..settings.ValueStart] + inner + text[settings.ValueEnd..];
    }

    /// <summary>Sets one member of the root object to <paramref name="encoded"/> (JSON text), by a minimal edit.</summary>
    private static string SetMember(string text, string key, string encoded)
    {
        var members = TopLevelMembers(text, out var rootOpen, out var rootClose);
        if (rootOpen < 0)
        {
            if (text.Trim().Length > 0 && StripComments(text).Trim().Length > 0)
                throw new RepairException("settings.json does not hold a JSON object; not edited.");
            return $"{{\n    {Json(key)}: {encoded}\n}}\n";
        }
        var existing = members.LastOrDefault(m => m.Key == key);
        if (existing is not null)
            return text[..existing.ValueStart] + encoded + text[existing.ValueEnd..];
        if (members.Count == 0)
        {
            var inner = text[(rootOpen + 1)..rootClose];
            var insertion = $"\n    {Json(key)}: {encoded}\n";
            // Keep whatever sat inside the empty braces (comments) before the new member.
            return text[..(rootOpen + 1)] + inner.TrimEnd(' ', '\t', '\r', '\n') + insertion + text[rootClose..];
        }
        return AfterLast(text, members[^1], $"{Json(key)}: {encoded}");
    }

    /// <summary>A new member after the last one, on its own line, with that member's indentation.</summary>
    private static string AfterLast(string text, Member last, string member)
    {
        var lineStart = text.LastIndexOf('\n', last.KeyStart) + 1;
        var indent = text[lineStart..last.KeyStart];
        if (indent.Trim().Length > 0) indent = "    ";
        var newline = text.Contains("\r\n") ? "\r\n" : "\n";
        if (last.CommaAfter >= 0)
            // A trailing comma is already there: the new member goes on a new line after it, with its own comma.
            return text[..(last.CommaAfter + 1)] + newline + indent + member + "," + text[(last.CommaAfter + 1)..];
        return text[..last.ValueEnd] + "," + newline + indent + member + text[last.ValueEnd..];
    }

    private sealed record Member(string Key, int KeyStart, int ValueStart, int ValueEnd, int CommaAfter);

    /// <summary>The root object's members with the spans of their values (comments and nested values skipped).</summary>
    private static List<Member> TopLevelMembers(string text, out int rootOpen, out int rootClose)
    {
        var members = new List<Member>();
        rootOpen = -1;
        rootClose = -1;
        var i = SkipTrivia(text, 0);
        if (i >= text.Length || text[i] != '{') return members;
        rootOpen = i;
        i = SkipTrivia(text, i + 1);
        while (i < text.Length && text[i] != '}')
        {
            if (text[i] != '"') throw new RepairException($"settings.json: unexpected '{text[i]}' at offset {i}; not edited.");
            var keyStart = i;
            var keyEnd = SkipString(text, i);
            var key = System.Text.Json.JsonDocument.Parse(text[keyStart..keyEnd]).RootElement.GetString()!;
            i = SkipTrivia(text, keyEnd);
            if (i >= text.Length || text[i] != ':') throw new RepairException("settings.json: a member without ':'; not edited.");
            i = SkipTrivia(text, i + 1);
            var valueStart = i;
            var valueEnd = SkipValue(text, i);
            i = SkipTrivia(text, valueEnd);
            var comma = -1;
            if (i < text.Length && text[i] == ',')
            {
                comma = i;
                i = SkipTrivia(text, i + 1);
            }
            members.Add(new Member(key, keyStart, valueStart, valueEnd, comma));
        }
        if (i >= text.Length) throw new RepairException("settings.json: the object is not closed; not edited.");
        rootClose = i;
        return members;
    }

    private static int SkipTrivia(string text, int i)
    {
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i])) i++;
            else if (text[i] == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                var nl = text.IndexOf('\n', i);
                i = nl < 0 ? text.Length : nl + 1;
            }
            else if (text[i] == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 2;
            }
            else break;
        }
        return i;
    }

    private static int SkipString(string text, int i)
    {
        for (var j = i + 1; j < text.Length; j++)
        {
            if (text[j] == '\\') j++;
            else if (text[j] == '"') return j + 1;
        }
        throw new RepairException("settings.json: a string is not closed; not edited.");
    }

    private static int SkipValue(string text, int i)
    {
        if (i >= text.Length) throw new RepairException("settings.json ends inside a value; not edited.");
        if (text[i] == '"') return SkipString(text, i);
        if (text[i] is '{' or '[')
        {
            var depth = 0;
            while (i < text.Length)
            {
                i = SkipTrivia(text, i);
                if (i >= text.Length) break;
                var c = text[i];
                if (c == '"') { i = SkipString(text, i); continue; }
                if (c is '{' or '[') depth++;
                else if (c is '}' or ']') { depth--; if (depth == 0) return i + 1; }
                i++;
            }
            throw new RepairException("settings.json: a nested value is not closed; not edited.");
        }
        var start = i;
        while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not (',' or '}' or ']' or '/')) i++;
        if (i == start) throw new RepairException($"settings.json: unexpected '{text[i]}' at offset {i}; not edited.");
        return i;
    }

    private static string StripComments(string text)
    {
        var sb = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var next = SkipTrivia(text, i);
            if (next > i) { sb.Append(' '); i = next; continue; }
            sb.Append(text[i++]);
        }
        return sb.ToString();
    }

    /// <summary>A JSON string as Python's <c>json.dumps</c> writes it (the json-string format of <see cref="RecordedPathFormats"/>).</summary>
    private static string Json(string value) => RecordedPathFormats.Encode(RecordedPathFormats.JsonString, value);
}
