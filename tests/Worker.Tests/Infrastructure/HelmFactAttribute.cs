namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>A test that runs a real helm of one major version; skipped, with the reason shown, where it is missing.</summary>
public sealed class HelmFactAttribute : FactAttribute
{
    public HelmFactAttribute(int major)
    {
        Major = major;
        Skip = HelmBinaries.SkipReason(major);
    }

    public int Major { get; }
}
