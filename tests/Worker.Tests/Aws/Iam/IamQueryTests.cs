using System.Text;
using Provisioner.Worker.Aws.Iam;

namespace Provisioner.Worker.Tests.Aws.Iam;

public sealed class IamQueryTests
{
    [Fact]
    public void ToFormBody_ListsAndTags_NumberedMembersFromOne()
    {
        var query = IamQuery.For("CreateOpenIDConnectProvider")
            .Add("Url", "https://oidc.example/id/X")
            .AddList("ClientIDList", ["sts.amazonaws.com", "other"])
            .AddTags(new Dictionary<string, string> { ["managed-by"] = "provisioner" });

        Assert.Equal(
            "Action=CreateOpenIDConnectProvider&Version=2010-05-08&Url=https%3A%2F%2Foidc.example%2Fid%2FX"
            + "&ClientIDList.member.1=sts.amazonaws.com&ClientIDList.member.2=other"
            + "&Tags.member.1.Key=managed-by&Tags.member.1.Value=provisioner",
            Body(query));
    }

    [Fact]
    public void ToFormBody_ReservedAndNonAsciiCharacters_PercentEncodedPerRfc3986() =>
        Assert.EndsWith("&Description=a%20b%2Bc%25%26d%3De%C3%BC", Body(IamQuery.For("X").Add("Description", "a b+c%&d=eü")));

    [Fact]
    public void Add_NullValue_LeavesTheFieldOut() =>
        Assert.Equal("Action=GetRole&Version=2010-05-08&RoleName=r",
            Body(IamQuery.For("GetRole").Add("RoleName", "r").Add("Marker", null)));

    [Fact]
    public void Add_ToAnExistingQuery_LeavesTheOriginalUnchanged()
    {
        var first = IamQuery.For("ListRolePolicies").Add("RoleName", "r");

        _ = first.Add("Marker", "m");

        Assert.Single(first.Fields);
    }

    [Fact]
    public void ToString_WithPolicyDocument_ShowsOnlyTheAction() =>
        Assert.Equal("CreatePolicy", IamQuery.For("CreatePolicy").Add("PolicyDocument", "{\"secret\":1}").ToString());

    private static string Body(IamQuery query) => Encoding.UTF8.GetString(query.ToFormBody());
}
