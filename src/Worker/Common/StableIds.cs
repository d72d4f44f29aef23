using System.Security.Cryptography;
using System.Text;

namespace Provisioner.Worker.Common;

/// <summary>
/// Name-based ids (RFC 9562 version 8 over SHA-256): the same name always gives the same id, so a redelivered
/// message or a replayed event keeps its identity.
/// </summary>
public static class StableIds
{
    public static Guid From(string scope, string name)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"milvus-provisioner/{scope}\n{name}"), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
