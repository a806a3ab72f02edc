using System.Text;
using VenvDoctor.Core.Anatomy;

namespace VenvDoctor.Core.Repair.Rewriting;

/// <summary>
/// A minimal edit of pyvenv.cfg: values of existing keys are replaced in place (the rest of each line, comments,
/// order and line endings stay), missing keys are appended in CPython's <c>key = value</c> form.
/// </summary>
public static class ConfigEdit
{
    public static FileEdit? Set(string configPath, IReadOnlyList<(string Key, string Value)> values, string description)
    {
        var file = TextFile.TryRead(configPath) ?? throw new RepairException($"{configPath} is not a text file.");
        var config = PyvenvConfigParser.Parse(configPath, file.Text);
        var text = file.Text;
        var replacements = new List<(int Start, int Length, string Value)>();
        var appended = new StringBuilder();
        var newline = text.Contains("\r\n") ? "\r\n" : "\n";
        foreach (var (key, value) in values)
        {
            if (config.Entry(key) is { } entry)
            {
                if (entry.Value != value) replacements.Add((entry.ValueStart, entry.ValueLength, value));
            }
            else appended.Append($"{key} = {value}{newline}");
        }
        var sb = new StringBuilder(text);
        foreach (var (start, length, value) in replacements.OrderByDescending(r => r.Start))
            sb.Remove(start, length).Insert(start, value);
        if (appended.Length > 0)
        {
            if (sb.Length > 0 && sb[^1] != '\n') sb.Append(newline);
            sb.Append(appended);
        }
        var newText = sb.ToString();
        if (newText == text) return null;
        return new FileEdit(EditOperation.WriteFile, configPath, description)
        {
            Before = string.Join('\n', values.Select(v => config.Entry(v.Key) is { } e ? $"{v.Key} = {e.Value}" : $"{v.Key} (absent)")),
            After = string.Join('\n', values.Select(v => $"{v.Key} = {v.Value}")),
            NewContent = file.Encode(newText),
        };
    }
}
