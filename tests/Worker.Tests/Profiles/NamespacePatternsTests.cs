using Provisioner.Worker.Profiles;

namespace Provisioner.Worker.Tests.Profiles;

public sealed class NamespacePatternsTests
{
    [Theory]
    [InlineData("milvus-{environment}", "milvus-tenant-a", true)]
    [InlineData("{tenant}-{environment}", "search-tenant-a", true)]
    [InlineData("{tenant}-*", "search-anything", true)]
    [InlineData("{tenant}-*", "other-anything", false)]
    [InlineData("milvus", "milvus-x", false)]
    [InlineData("milvus.*", "milvusx", false)]
    [InlineData("*", "anything-at-all", true)]
    public void Matches_PatternWithPlaceholders_WholeName(string pattern, string ns, bool matches) =>
        Assert.Equal(matches, NamespacePatterns.Matches(pattern, ns, "search", "tenant-a"));

    [Theory]
    [InlineData("kube-system", "kube-*")]
    [InlineData("kube-node-lease", "kube-*")]
    [InlineData("default", "default namespace")]
    [InlineData("milvus-provisioner", "worker's own")]
    public void NeverAllowed_SystemDefaultAndWorkerNamespaces_Refused(string ns, string reason) =>
        Assert.Contains(reason, NamespacePatterns.NeverAllowed(ns, "milvus-provisioner"), StringComparison.Ordinal);

    [Fact]
    public void NeverAllowed_AnEnvironmentsNamespace_Null() => Assert.Null(NamespacePatterns.NeverAllowed("milvus-tenant-a", "milvus-provisioner"));
}
