using Provisioner.Worker.Aws;
using Provisioner.Worker.Aws.Iam;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.EndToEnd;

/// <summary>
/// A moto_server of its own for the end-to-end tests, holding the OIDC provider of the example's issuer (the worker
/// never creates it unless asked), plus the clients a test uses to look at moto behind the worker's back.
/// </summary>
public sealed class WorkerEndToEndFixture : IAsyncLifetime
{
    public const string Issuer = "https://oidc.eks.us-east-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
    public const string Region = "us-east-2";

    private AwsClients? aws;
    private IamClient? iam;

    public MotoServer Moto { get; } = new();

    public AwsClients Aws => aws ?? throw new InvalidOperationException("the fixture has not been initialised");

    public IamClient Iam => iam ?? throw new InvalidOperationException("the fixture has not been initialised");

    /// <summary>The repository's example request, as the program's users get it.</summary>
    public static string ExampleRequestPath => Path.Combine(RepositoryRoot(), "examples", "tenant-a.json");

    public async Task InitializeAsync()
    {
        await Moto.InitializeAsync();
        aws = new AwsClients(Microsoft.Extensions.Options.Options.Create(Moto.Options), Moto.Credentials);
        iam = Moto.CreateIamClient();
        await Iam.OpenIdConnectProviders.CreateOpenIdConnectProviderAsync(Issuer, ["sts.amazonaws.com"],
            ["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"], new Dictionary<string, string>(), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        aws?.Dispose();
        iam?.Dispose();
        await Moto.DisposeAsync();
    }

    /// <summary>What an operator sets to run the worker against moto: endpoint, credentials, region and the saga database.</summary>
    public IReadOnlyDictionary<string, string> Variables(string sagaDatabase, string secretKey = "testing") => new Dictionary<string, string>
    {
        ["AWS_ENDPOINT_URL"] = Moto.Endpoint.ToString(),
        ["AWS_ACCESS_KEY_ID"] = Moto.AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = secretKey,
        ["AWS_REGION"] = Region,
        ["SagaStore__ConnectionString"] = $"Data Source={sagaDatabase}",
    };

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Worker.sln"))) return directory.FullName;
        throw new DirectoryNotFoundException($"no folder above {AppContext.BaseDirectory} holds Worker.sln");
    }
}
