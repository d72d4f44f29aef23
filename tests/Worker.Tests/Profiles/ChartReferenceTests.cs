using Provisioner.Worker.Profiles;

namespace Provisioner.Worker.Tests.Profiles;

public sealed class ChartReferenceTests
{
    [Theory]
    [InlineData(null, "https://zilliztech.github.io/milvus-helm/", "milvus", null)]
    [InlineData("https://charts.example.com/", "https://charts.example.com/", "milvus", null)]
    [InlineData("oci://registry.example.com/charts/milvus", "oci://registry.example.com/charts", "milvus", null)]
    [InlineData("oci://registry.example.com/charts/milvus@sha256:ab", "oci://registry.example.com/charts", "milvus", "sha256:ab")]
    [InlineData("/srv/charts/milvus-stub", "/srv/charts", "milvus-stub", null)]
    [InlineData("/srv/charts/milvus-stub/", "/srv/charts", "milvus-stub", null)]
    public void Parse_EachForm_RepositoryNameAndDigest(string? chart, string repository, string name, string? digest) =>
        Assert.Equal(new ChartReference(repository, name, digest), ChartReference.Parse(chart, out _));

    [Theory]
    [InlineData("http://charts.example.com/")]
    [InlineData("charts/milvus")]
    [InlineData("--post-renderer=/bin/sh")]
    [InlineData("/srv/charts/../milvus")]
    [InlineData("/srv/./charts/milvus")]
    [InlineData("//server/charts/milvus")]
    public void Parse_NotAllowableForm_NullWithTheReason(string chart)
    {
        Assert.Null(ChartReference.Parse(chart, out var problem));
        Assert.NotNull(problem);
    }

    [Theory]
    [InlineData("https://charts.example.com", "milvus", null, true)]
    [InlineData("https://charts.example.com/", "*", null, true)]
    [InlineData("*", "milvus", null, true)]
    [InlineData("https://charts.example.com/", "other", null, false)]
    [InlineData("https://charts.example.com/x/", "milvus", null, false)]
    [InlineData("https://charts.example.com/", "milvus", "sha256:ab", false)]
    public void IsAllowedBy_Rule_MatchesRepositoryNameAndDigest(string repository, string name, string? digest, bool allowed) =>
        Assert.Equal(allowed, new ChartReference("https://charts.example.com/", "milvus", null)
            .IsAllowedBy(new ChartRule { Repository = repository, Name = name, Digest = digest }));
}
