using Amazon.Runtime;
using Provisioner.Worker.Aws;
using Provisioner.Worker.Aws.Iam;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Aws.Iam;

/// <summary>Signing and enforcement. Enforcement is server-wide, so this class has a moto_server of its own.</summary>
public sealed class IamClientTests(MotoServer moto) : IClassFixture<MotoServer>
{
    [Fact]
    public async Task Call_UnderEnforcementByUserWithoutPermissions_ThrowsTerminalAccessDenied()
    {
        var (adminKey, adminSecret) = await moto.EnableAuthAsync();
        try
        {
            using var admin = moto.CreateIamClient(new BasicAWSCredentials(adminKey, adminSecret));
            var name = IamTestData.Unique("nobody");
            await admin.Users.CreateUserAsync(name, "/", null, IamTestData.Tags(), default);
            var key = await admin.Users.CreateAccessKeyAsync(name, default);
            using var nobody = moto.CreateIamClient(new BasicAWSCredentials(key.AccessKeyId, key.SecretAccessKey));

            var error = await Assert.ThrowsAsync<AwsException>(() => nobody.Roles.GetRoleAsync("any-role", default));

            Assert.Equal(("AccessDenied", AwsErrorKind.Terminal), (error.Code, error.Kind));
            Assert.DoesNotContain(key.SecretAccessKey, error.ToString());
            Assert.Null(await admin.Roles.GetRoleAsync("any-role", default));
        }
        finally
        {
            await moto.DisableAuthAsync();
        }
    }

    [Fact]
    public async Task Call_UnderEnforcementWithWrongSecret_ThrowsTerminalSignatureDoesNotMatch()
    {
        var (adminKey, _) = await moto.EnableAuthAsync();
        try
        {
            using var forged = moto.CreateIamClient(new BasicAWSCredentials(adminKey, "not-the-secret"));

            var error = await Assert.ThrowsAsync<AwsException>(() =>
                forged.OpenIdConnectProviders.ListOpenIdConnectProvidersAsync(default));

            Assert.Equal(("SignatureDoesNotMatch", AwsErrorKind.Terminal), (error.Code, error.Kind));
        }
        finally
        {
            await moto.DisableAuthAsync();
        }
    }

    [Fact]
    public async Task Call_UnderEnforcementWithUnknownKey_ThrowsTerminalInvalidClientTokenId()
    {
        await moto.EnableAuthAsync();
        try
        {
            using var stranger = moto.CreateIamClient();

            var error = await Assert.ThrowsAsync<AwsException>(() =>
                stranger.OpenIdConnectProviders.ListOpenIdConnectProvidersAsync(default));

            Assert.Equal(("InvalidClientTokenId", AwsErrorKind.Terminal), (error.Code, error.Kind));
        }
        finally
        {
            await moto.DisableAuthAsync();
        }
    }

    [Fact]
    public void Constructor_ConfiguredEndpoint_WinsOverEnvironment()
    {
        using var iam = new IamClient(moto.Credentials, new AwsOptions { EndpointUrl = "http://127.0.0.1:9/iam/" });

        Assert.Equal(new Uri("http://127.0.0.1:9/iam/"), iam.Endpoint);
    }
}
