namespace VenvDoctor.Sidecar.Tests.Contract;

/// <summary>
/// A type in docs/protocol.md §7's notation: <c>string</c>, <c>Name</c>, <c>T[]</c>, <c>T|null</c>,
/// <c>{ a: T, b?: U }</c>. A small recursive-descent parser: the notation is ours, so no library reads it.
/// </summary>
public abstract record DocType
{
    public sealed record Named(string Name) : DocType;
    public sealed record ListOf(DocType Element) : DocType;
    public sealed record Union(IReadOnlyList<DocType> Choices) : DocType;
    public sealed record Field(string Name, bool Optional, DocType Type);
    public sealed record Object(IReadOnlyList<Field> Fields) : DocType;

    public static DocType Parse(string text)
    {
        var reader = new Reader(text);
        var type = reader.Type();
        reader.End();
        return type;
    }

    /// <summary>A bare field list (§7's type table) is an object without its braces.</summary>
    public static DocType ParseFields(string text) => Parse(text.TrimStart().StartsWith('{') ? text : $"{{ {text} }}");

    private sealed class Reader(string text)
    {
        private int at;

        public DocType Type()
        {
            var choices = new List<DocType> { Postfix() };
            while (Take('|')) choices.Add(Postfix());
            return choices.Count == 1 ? choices[0] : new Union(choices);
        }

        public void End()
        {
            Skip();
            if (at != text.Length) throw Error("end of the type");
        }

        private DocType Postfix()
        {
            var type = Primary();
            while (Take('[')) { Expect(']'); type = new ListOf(type); }
            return type;
        }

        private DocType Primary()
        {
            if (!Take('{')) return new Named(Word());
            var fields = new List<Field>();
            while (!Take('}'))
            {
                if (fields.Count > 0) Expect(',');
                var name = Word();
                var optional = Take('?');
                Expect(':');
                fields.Add(new Field(name, optional, Type()));
            }
            return new Object(fields);
        }

        private string Word()
        {
            Skip();
            var start = at;
            while (at < text.Length && (char.IsLetterOrDigit(text[at]) || text[at] is '_' or '$')) at++;
            return at > start ? text[start..at] : throw Error("a name");
        }

        private bool Take(char c)
        {
            Skip();
            if (at < text.Length && text[at] == c) { at++; return true; }
            return false;
        }

        private void Expect(char c)
        {
            if (!Take(c)) throw Error($"'{c}'");
        }

        private void Skip()
        {
            while (at < text.Length && char.IsWhiteSpace(text[at])) at++;
        }

        private FormatException Error(string expected) => new($"docs/protocol.md §7: expected {expected} at {at} in '{text}'");
    }
}
