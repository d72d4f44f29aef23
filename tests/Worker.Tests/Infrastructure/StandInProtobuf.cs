using System.Text;
using System.Text.Json.Nodes;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>
/// Reads the protobuf bodies client-go's typed clients send (<c>application/vnd.kubernetes.protobuf</c>: the
/// <c>k8s\0</c> magic, a <c>runtime.Unknown</c> envelope, the object) into JSON, for the kinds a typed client writes
/// here: Secrets (helm's release records) and ConfigMaps, with their ObjectMeta. Anything else stays unreadable (415).
/// </summary>
public static class StandInProtobuf
{
    public const string MediaType = "application/vnd.kubernetes.protobuf";
    private static readonly byte[] Magic = "k8s\0"u8.ToArray();

    public static JsonObject? Decode(byte[] body)
    {
        if (body.Length < Magic.Length || !body.AsSpan(0, Magic.Length).SequenceEqual(Magic)) return null;
        string? apiVersion = null, kind = null;
        byte[]? raw = null;
        foreach (var (field, value) in Fields(body[Magic.Length..]))
        {
            if (field == 1)
                foreach (var (typeField, typeValue) in Fields(value))
                    if (typeField == 1) apiVersion = Text(typeValue);
                    else if (typeField == 2) kind = Text(typeValue);
            if (field == 2) raw = value;
        }
        if (raw is null) return null;
        var item = kind switch
        {
            "Secret" => Secret(raw),
            "ConfigMap" => ConfigMap(raw),
            _ => null,
        };
        if (item is null) return null;
        (item["apiVersion"], item["kind"]) = (apiVersion, kind);
        return item;
    }

    private static JsonObject Secret(byte[] raw)
    {
        var (secret, data, stringData) = (new JsonObject(), new JsonObject(), new JsonObject());
        foreach (var (field, value) in Fields(raw))
            switch (field)
            {
                case 1: secret["metadata"] = Metadata(value); break;
                case 2: MapEntry(value, (k, v) => data[k] = Convert.ToBase64String(v)); break;
                case 3: secret["type"] = Text(value); break;
                case 4: MapEntry(value, (k, v) => stringData[k] = Text(v)); break;
            }
        if (data.Count > 0) secret["data"] = data;
        if (stringData.Count > 0) secret["stringData"] = stringData;
        return secret;
    }

    private static JsonObject ConfigMap(byte[] raw)
    {
        var (configMap, data, binary) = (new JsonObject(), new JsonObject(), new JsonObject());
        foreach (var (field, value) in Fields(raw))
            switch (field)
            {
                case 1: configMap["metadata"] = Metadata(value); break;
                case 2: MapEntry(value, (k, v) => data[k] = Text(v)); break;
                case 3: MapEntry(value, (k, v) => binary[k] = Convert.ToBase64String(v)); break;
            }
        if (data.Count > 0) configMap["data"] = data;
        if (binary.Count > 0) configMap["binaryData"] = binary;
        return configMap;
    }

    /// <summary>ObjectMeta's name (1), generateName (2), namespace (3), uid (5), resourceVersion (6), labels (11), annotations (12).</summary>
    private static JsonObject Metadata(byte[] raw)
    {
        var (metadata, labels, annotations) = (new JsonObject(), new JsonObject(), new JsonObject());
        foreach (var (field, value) in Fields(raw))
            switch (field)
            {
                case 1: metadata["name"] = Text(value); break;
                case 2: metadata["generateName"] = Text(value); break;
                case 3: metadata["namespace"] = Text(value); break;
                case 5: metadata["uid"] = Text(value); break;
                case 6: metadata["resourceVersion"] = Text(value); break;
                case 11: MapEntry(value, (k, v) => labels[k] = Text(v)); break;
                case 12: MapEntry(value, (k, v) => annotations[k] = Text(v)); break;
            }
        if (labels.Count > 0) metadata["labels"] = labels;
        if (annotations.Count > 0) metadata["annotations"] = annotations;
        return metadata;
    }

    private static void MapEntry(byte[] entry, Action<string, byte[]> add)
    {
        var (key, value) = ("", Array.Empty<byte>());
        foreach (var (field, bytes) in Fields(entry))
            if (field == 1) key = Text(bytes);
            else if (field == 2) value = bytes;
        add(key, value);
    }

    /// <summary>The length-delimited fields of a message (wire type 2); varints are read and skipped.</summary>
    private static IEnumerable<(int Field, byte[] Value)> Fields(byte[] message)
    {
        var at = 0;
        while (at < message.Length)
        {
            var tag = Varint(message, ref at);
            var (field, wire) = ((int)(tag >> 3), (int)(tag & 7));
            if (wire == 0)
            {
                Varint(message, ref at);
                continue;
            }
            if (wire != 2) throw new FormatException($"protobuf wire type {wire} is not read by the stand-in");
            var length = (int)Varint(message, ref at);
            yield return (field, message[at..(at + length)]);
            at += length;
        }
    }

    private static ulong Varint(byte[] bytes, ref int at)
    {
        ulong result = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[at++];
            result |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return result;
        }
    }

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
