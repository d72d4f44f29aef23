namespace Provisioner.Worker.Tests.Infrastructure;

public sealed class StandInSelectorTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["app"] = "milvus", ["tier"] = "db" };

    [Theory]
    [InlineData("", true)]
    [InlineData("app=milvus", true)]
    [InlineData("app==milvus,tier=db", true)]
    [InlineData("app=milvus,tier=web", false)]
    [InlineData("app!=etcd", true)]
    [InlineData("tier", true)]
    [InlineData("!tier", false)]
    [InlineData("!owner", true)]
    [InlineData("tier in (db,cache)", true)]
    [InlineData("tier notin (db,cache)", false)]
    [InlineData("owner notin (helm)", true)]
    public void Matches_Selector_AsTheApiServerDoes(string selector, bool matches) =>
        Assert.Equal(matches, StandInSelector.Parse(selector, out _)!.Matches(k => Labels.GetValueOrDefault(k)));

    [Theory]
    [InlineData("a b")]
    [InlineData("tier in db")]
    [InlineData("=x")]
    public void Parse_NotASelector_NullWithTheApiServersMessage(string selector)
    {
        Assert.Null(StandInSelector.Parse(selector, out var problem));
        Assert.Equal($"unable to parse requirement: {selector}", problem);
    }
}
