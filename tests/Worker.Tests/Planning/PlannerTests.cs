using System.Text.Json;
using System.Text.Json.Nodes;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Planning;

public sealed class PlannerTests
{
    private const string RoleArn = "arn:aws:iam::123456789012:role/milvus-tenant-a-s3-access";
    private const string PolicyArn = "arn:aws:iam::123456789012:policy/milvus-tenant-a-s3-access";
    private const string ProviderArn = "arn:aws:iam::123456789012:oidc-provider/" + TestRequests.IssuerHostPath;

    [Fact]
    public void Plan_ReadWrite_AccessPolicyIsTheMilvusGuidePolicy() =>
        JsonAssert.Equivalent(AccessPolicy("aws", TestRequests.DerivedBucket, """["s3:DeleteObject", "s3:GetObject", "s3:PutObject"]"""),
            TestRequests.Plan(TestRequests.Valid()).AccessPolicy.Document);

    [Fact]
    public void Plan_ReadOnly_AccessPolicyListsAndGetsOnly()
    {
        var valid = TestRequests.Valid();

        var plan = TestRequests.Plan(valid with { Access = valid.Access with { Permissions = "read-only" } });

        JsonAssert.Equivalent(AccessPolicy("aws", TestRequests.DerivedBucket, """["s3:GetObject"]"""), plan.AccessPolicy.Document);
        Assert.Equal("read-only", plan.AccessPolicy.Permissions);
    }

    [Fact]
    public void Plan_Issuer_TrustsOnlyTheServiceAccountThroughTheClusterProvider()
    {
        var plan = TestRequests.Plan(TestRequests.Valid());

        JsonAssert.Equivalent(Trust(ProviderArn, TestRequests.IssuerHostPath, "milvus", "milvus-s3-access-sa"), plan.Role.TrustPolicy);
        Assert.Equal(ProviderArn, plan.Role.OidcProviderArn);
    }

    [Fact]
    public void Plan_OtherNamespaceAndServiceAccount_TrustNamesThem()
    {
        var valid = TestRequests.Valid();
        var request = valid with { Kubernetes = valid.Kubernetes with { Namespace = "vectors", ServiceAccount = "tenant-a-sa" } };

        JsonAssert.Equivalent(Trust(ProviderArn, TestRequests.IssuerHostPath, "vectors", "tenant-a-sa"), TestRequests.Plan(request).Role.TrustPolicy);
    }

    [Theory]
    [InlineData(TestRequests.Issuer + "/")]
    [InlineData("HTTPS://" + TestRequests.IssuerHostPath)]
    public void Plan_IssuerSpelledOtherwise_SameTrustAndProviderArn(string issuer)
    {
        var plan = Planner.Plan(TestRequests.Valid(), TestRequests.RequestId, TestRequests.Facts(issuer));

        JsonAssert.Equivalent(Trust(ProviderArn, TestRequests.IssuerHostPath, "milvus", "milvus-s3-access-sa"), plan.Role.TrustPolicy);
        Assert.Equal(ProviderArn, plan.Role.OidcProviderArn);
    }

    [Fact]
    public void Plan_IssuerHostInUpperCase_ProviderArnWithLowerCaseHost()
    {
        var plan = Planner.Plan(TestRequests.Valid(), TestRequests.RequestId,
            TestRequests.Facts("https://OIDC.EKS.US-EAST-2.AMAZONAWS.COM/id/EXAMPLED539D4633E53DE1B71EXAMPLE"));

        Assert.Equal(ProviderArn, plan.Role.OidcProviderArn);
        JsonAssert.Equivalent(Trust(ProviderArn, TestRequests.IssuerHostPath, "milvus", "milvus-s3-access-sa"), plan.Role.TrustPolicy);
    }

    [Theory]
    [InlineData("us-east-2", "oidc.eks.us-east-2.amazonaws.com/id/A1", "aws", "s3.us-east-2.amazonaws.com")]
    [InlineData("cn-north-1", "oidc.eks.cn-north-1.amazonaws.com.cn/id/A1", "aws-cn", "s3.cn-north-1.amazonaws.com.cn")]
    [InlineData("us-gov-west-1", "oidc.eks.us-gov-west-1.amazonaws.com/id/A1", "aws-us-gov", "s3.us-gov-west-1.amazonaws.com")]
    public void Plan_Region_ArnsDocumentsAndEndpointOfItsPartition(string region, string issuerHostPath, string partition, string s3Host)
    {
        var valid = TestRequests.Valid();
        var request = valid with { Aws = valid.Aws with { Region = region } };

        var plan = Planner.Plan(request, TestRequests.RequestId, TestRequests.Facts($"https://{issuerHostPath}"));

        var bucket = plan.Bucket.Name;
        var provider = $"arn:{partition}:iam::123456789012:oidc-provider/{issuerHostPath}";
        Assert.Matches("^milvus-tenant-a-[0-9a-f]{8}$", bucket);
        Assert.Equal($"arn:{partition}:s3:::{bucket}", plan.Bucket.Arn);
        Assert.Equal($"arn:{partition}:iam::123456789012:policy/milvus-tenant-a-s3-access", plan.AccessPolicy.Arn);
        Assert.Equal($"arn:{partition}:iam::123456789012:role/milvus-tenant-a-s3-access", plan.Role.Arn);
        Assert.Equal(plan.AccessPolicy.Arn, plan.Role.PolicyArn);
        Assert.Equal(provider, plan.Role.OidcProviderArn);
        JsonAssert.Equivalent(AccessPolicy(partition, bucket, """["s3:DeleteObject", "s3:GetObject", "s3:PutObject"]"""), plan.AccessPolicy.Document);
        JsonAssert.Equivalent(Trust(provider, issuerHostPath, "milvus", "milvus-s3-access-sa"), plan.Role.TrustPolicy);
        var s3 = JsonNode.Parse(plan.Helm!.Values)!["externalS3"]!;
        Assert.Equal((s3Host, region), (s3["host"]!.GetValue<string>(), s3["region"]!.GetValue<string>()));
    }

    [Fact]
    public void Plan_SameRequestTwice_EqualPlans()
    {
        var first = JsonSerializer.Serialize(TestRequests.Plan(TestRequests.Valid()));
        var second = JsonSerializer.Serialize(TestRequests.Plan(TestRequests.Valid()));

        Assert.Equal(first, second);
        Assert.Contains(TestRequests.DerivedBucket, first, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_NoNames_DerivedNamesAndArns()
    {
        var plan = TestRequests.Plan(TestRequests.Valid());

        Assert.Equal((TestRequests.DerivedBucket, $"arn:aws:s3:::{TestRequests.DerivedBucket}"), (plan.Bucket.Name, plan.Bucket.Arn));
        Assert.Equal(("milvus-tenant-a-s3-access", "/", PolicyArn), (plan.AccessPolicy.Name, plan.AccessPolicy.Path, plan.AccessPolicy.Arn));
        Assert.Equal(("milvus-tenant-a-s3-access", "/", RoleArn, PolicyArn), (plan.Role.Name, plan.Role.Path, plan.Role.Arn, plan.Role.PolicyArn));
    }

    [Fact]
    public void Plan_OtherRegion_OtherBucketName()
    {
        var valid = TestRequests.Valid();

        var plan = TestRequests.Plan(valid with { Aws = valid.Aws with { Region = "us-west-2" } });

        Assert.Equal("milvus-tenant-a-59182864", plan.Bucket.Name);
    }

    [Fact]
    public void Plan_ExplicitNamesAndPath_HonouredEverywhere()
    {
        var valid = TestRequests.Valid();
        var request = valid with
        {
            Bucket = valid.Bucket with { Name = "tenant-a-vectors" },
            Access = valid.Access with { RoleName = "TenantAMilvus", PolicyName = "TenantAMilvusS3", RolePath = "/milvus/" },
        };

        var plan = TestRequests.Plan(request);

        Assert.Equal(("tenant-a-vectors", "arn:aws:s3:::tenant-a-vectors"), (plan.Bucket.Name, plan.Bucket.Arn));
        Assert.Equal(("TenantAMilvusS3", "/milvus/", "arn:aws:iam::123456789012:policy/milvus/TenantAMilvusS3"),
            (plan.AccessPolicy.Name, plan.AccessPolicy.Path, plan.AccessPolicy.Arn));
        Assert.Equal(("TenantAMilvus", "/milvus/", "arn:aws:iam::123456789012:role/milvus/TenantAMilvus", plan.AccessPolicy.Arn),
            (plan.Role.Name, plan.Role.Path, plan.Role.Arn, plan.Role.PolicyArn));
        JsonAssert.Equivalent(AccessPolicy("aws", "tenant-a-vectors", """["s3:DeleteObject", "s3:GetObject", "s3:PutObject"]"""),
            plan.AccessPolicy.Document);
        Assert.Equal(plan.Role.Arn, plan.ServiceAccount.Annotations[Planner.RoleArnAnnotation]);
        Assert.Equal("tenant-a-vectors", JsonNode.Parse(plan.Helm!.Values)!["externalS3"]!["bucketName"]!.GetValue<string>());
    }

    [Fact]
    public void Plan_UserTags_MergedWithOwnershipTags() =>
        Assert.Equal(new Dictionary<string, string>
        {
            ["team"] = "search",
            ["managed-by"] = "milvus-provisioner",
            ["milvus-provisioner/environment"] = "tenant-a",
            ["milvus-provisioner/run-id"] = "3f2b8c1e-6a4d-4f7e-9b1a-2c5d8e7f0a11",
        }, TestRequests.Plan(TestRequests.Valid()).Bucket.Tags);

    [Fact]
    public void Plan_UserTagsClaimOurKeys_OurValuesWin()
    {
        var valid = TestRequests.Valid();
        var request = valid with
        {
            Bucket = valid.Bucket with
            {
                Tags = new Dictionary<string, string> { ["managed-by"] = "terraform", ["milvus-provisioner/environment"] = "tenant-b" },
            },
        };

        Assert.Equal(new Dictionary<string, string>
        {
            ["managed-by"] = "milvus-provisioner",
            ["milvus-provisioner/environment"] = "tenant-a",
            ["milvus-provisioner/run-id"] = "3f2b8c1e-6a4d-4f7e-9b1a-2c5d8e7f0a11",
        }, TestRequests.Plan(request).Bucket.Tags);
    }

    [Fact]
    public void Plan_NoUserTags_OwnershipTagsOnEveryAwsResource()
    {
        var valid = TestRequests.Valid();

        var plan = TestRequests.Plan(valid with { Bucket = valid.Bucket with { Tags = null } });

        var ownership = OwnershipTags.For("tenant-a", TestRequests.RequestId);
        Assert.Equal(ownership, plan.Bucket.Tags);
        Assert.Equal(ownership, plan.AccessPolicy.Tags);
        Assert.Equal(ownership, plan.Role.Tags);
    }

    [Fact]
    public void Plan_ServiceAccount_AnnotatedWithRoleArnAndLabelledAsOurs()
    {
        var plan = TestRequests.Plan(TestRequests.Valid());

        Assert.Equal(("milvus", "milvus-s3-access-sa", true), (plan.ServiceAccount.Namespace, plan.ServiceAccount.Name, plan.ServiceAccount.Manage));
        Assert.Equal(new Dictionary<string, string> { ["eks.amazonaws.com/role-arn"] = RoleArn }, plan.ServiceAccount.Annotations);
        Assert.Equal(new Dictionary<string, string>
        {
            ["app.kubernetes.io/managed-by"] = "milvus-provisioner",
            ["milvus-provisioner/environment"] = "tenant-a",
            ["milvus-provisioner/run-id"] = "3f2b8c1e-6a4d-4f7e-9b1a-2c5d8e7f0a11",
        }, plan.ServiceAccount.Labels);
    }

    [Fact]
    public void Plan_NamespaceStages_KnowTheReleaseWhoseClaimsDeleteDataRemoves()
    {
        var valid = TestRequests.Valid();

        var irsa = TestRequests.Plan(valid);
        var keyed = TestRequests.Plan(valid with { Access = valid.Access with { Mode = Planner.AccessKeyMode } });
        var withoutMilvus = TestRequests.Plan(valid with { Milvus = null });

        Assert.Equal(("milvus-tenant-a", "milvus-tenant-a", null), (irsa.ServiceAccount.Release, keyed.AccessKey!.Release, withoutMilvus.ServiceAccount.Release));
    }

    [Fact]
    public void Plan_RequestWithoutAccount_ArnsUseTheObservedAccount()
    {
        var valid = TestRequests.Valid();

        var plan = Planner.Plan(valid with { Aws = valid.Aws with { AccountId = null } }, TestRequests.RequestId,
            new PlanFacts("210987654321", TestRequests.Issuer));

        Assert.Equal(("tenant-a", TestRequests.RequestId, "us-east-2", "210987654321"), (plan.Environment, plan.RunId, plan.Region, plan.AccountId));
        Assert.Equal("arn:aws:iam::210987654321:role/milvus-tenant-a-s3-access", plan.Role.Arn);
        Assert.Equal("arn:aws:iam::210987654321:policy/milvus-tenant-a-s3-access", plan.AccessPolicy.Arn);
        Assert.Equal($"arn:aws:iam::210987654321:oidc-provider/{TestRequests.IssuerHostPath}", plan.Role.OidcProviderArn);
    }

    [Fact]
    public void Plan_BucketAndRoleSettings_CarriedFromRequest()
    {
        var valid = TestRequests.Valid();
        const string Key = "arn:aws:kms:us-east-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        const string Boundary = "arn:aws:iam::123456789012:policy/milvus-boundary";
        var request = valid with
        {
            Bucket = valid.Bucket with { Encryption = "SSE-KMS", KmsKeyId = Key, Versioning = true, ObjectOwnership = "BucketOwnerEnforced" },
            Access = valid.Access with { PermissionsBoundary = Boundary },
            Kubernetes = valid.Kubernetes with { CreateOidcProvider = true },
        };

        var plan = TestRequests.Plan(request);

        Assert.Equal(("us-east-2", "SSE-KMS", Key, true, "BucketOwnerEnforced"),
            (plan.Bucket.Region, plan.Bucket.Encryption, plan.Bucket.KmsKeyId, plan.Bucket.Versioning, plan.Bucket.ObjectOwnership));
        Assert.Equal((Boundary, true, TestRequests.Issuer), (plan.Role.PermissionsBoundary, plan.Role.CreateOidcProvider, plan.Role.OidcIssuer));
    }

    [Theory]
    [InlineData(null, "milvus", "https://zilliztech.github.io/milvus-helm/")]
    [InlineData("https://charts.example.com/milvus", "milvus", "https://charts.example.com/milvus")]
    [InlineData("oci://registry.example.com/charts/milvus", "oci://registry.example.com/charts/milvus", null)]
    [InlineData("./charts/milvus", "./charts/milvus", null)]
    public void Plan_Chart_ChartAndRepository(string? chart, string expectedChart, string? expectedRepository)
    {
        var valid = TestRequests.Valid();

        var helm = TestRequests.Plan(valid with { Milvus = valid.Milvus! with { Chart = chart } }).Helm;

        Assert.NotNull(helm);
        Assert.Equal(("milvus-tenant-a", "milvus", expectedChart, expectedRepository, "5.0.19"),
            (helm.Release, helm.Namespace, helm.Chart, helm.Repository, helm.Version));
    }

    [Fact]
    public void Plan_NoMilvus_NoHelm() => Assert.Null(TestRequests.Plan(TestRequests.Valid() with { Milvus = null }).Helm);

    private static string AccessPolicy(string partition, string bucket, string objectActions) => $$"""
        {
          "Version": "2012-10-17",
          "Statement": [
            { "Effect": "Allow", "Action": ["s3:ListBucket"], "Resource": ["arn:{{partition}}:s3:::{{bucket}}"] },
            { "Effect": "Allow", "Action": {{objectActions}}, "Resource": ["arn:{{partition}}:s3:::{{bucket}}/*"] }
          ]
        }
        """;

    private static string Trust(string providerArn, string issuerHostPath, string ns, string serviceAccount) => $$"""
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Principal": { "Federated": "{{providerArn}}" },
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": { "StringEquals": {
              "{{issuerHostPath}}:sub": "system:serviceaccount:{{ns}}:{{serviceAccount}}",
              "{{issuerHostPath}}:aud": "sts.amazonaws.com" } }
          }]
        }
        """;
}
