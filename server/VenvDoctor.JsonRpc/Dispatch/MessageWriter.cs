using System.Buffers;
using System.Text.Json;

namespace VenvDoctor.JsonRpc.Dispatch;

/// <summary>Formatting: JSON-RPC 2.0 message objects to UTF-8 bytes (the framing is added by the writer).</summary>
internal static class MessageWriter
{
    private static readonly JsonWriterOptions Options = new() { SkipValidation = false };

    public static byte[] Response(JsonElement? id, Action<Utf8JsonWriter>? writeResult) => Write(w =>
    {
        WriteId(w, id);
        w.WritePropertyName("result"u8);
        if (writeResult is null) w.WriteNullValue(); else writeResult(w);
    });

    public static byte[] Error(JsonElement? id, int code, string message, JsonElement? data = null) => Write(w =>
    {
        WriteId(w, id);
        w.WriteStartObject("error"u8);
        w.WriteNumber("code"u8, code);
        w.WriteString("message"u8, message);
        if (data is { ValueKind: not JsonValueKind.Undefined } d)
        {
            w.WritePropertyName("data"u8);
            d.WriteTo(w);
        }
        w.WriteEndObject();
    });

    public static byte[] Request(long id, string method, Action<Utf8JsonWriter> writeParams) => Write(w =>
    {
        w.WriteNumber("id"u8, id);
        w.WriteString("method"u8, method);
        w.WritePropertyName("params"u8);
        writeParams(w);
    });

    public static byte[] Notification(string method, Action<Utf8JsonWriter> writeParams) => Write(w =>
    {
        w.WriteString("method"u8, method);
        w.WritePropertyName("params"u8);
        writeParams(w);
    });

    /// <summary>A batch answer: the members' bytes joined into one JSON array.</summary>
    public static byte[] Batch(IReadOnlyList<byte[]> responses)
    {
        var total = 2 + responses.Sum(r => r.Length) + Math.Max(0, responses.Count - 1);
        var bytes = new byte[total];
        var at = 0;
        bytes[at++] = (byte)'[';
        for (var i = 0; i < responses.Count; i++)
        {
            if (i > 0) bytes[at++] = (byte)',';
            responses[i].CopyTo(bytes, at);
            at += responses[i].Length;
        }
        bytes[at] = (byte)']';
        return bytes;
    }

    private static void WriteId(Utf8JsonWriter w, JsonElement? id)
    {
        w.WritePropertyName("id"u8);
        if (id is { ValueKind: JsonValueKind.Number or JsonValueKind.String } i) i.WriteTo(w);
        else w.WriteNullValue();
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("jsonrpc"u8, "2.0"u8);
            body(w);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
