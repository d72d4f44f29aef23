using Provisioner.Worker.Runs;
using Provisioner.Worker.StateMachine;

namespace Provisioner.Worker.Tests.Runs;

public sealed class EnvironmentStatesTests
{
    [Theory]
    [InlineData("provisioned", "Provisioned")]
    [InlineData("rolled-back", "RolledBack")]
    [InlineData("compensation-failed", "CompensationFailed")]
    [InlineData("running", "Running")]
    [InlineData("deprovisioning", "Running")]
    public void ToStored_DocumentState_TheStateTheStoreHolds(string document, string stored) =>
        Assert.Equal([stored], EnvironmentStates.ToStored(document));

    [Fact]
    public void ToStored_Rotating_EveryStepOfARotation() =>
        Assert.Equal(["ReplacingKey", "KeyGracePeriod", "RetiringKey"], EnvironmentStates.ToStored("rotating"));

    [Theory]
    [InlineData("Provisioned", "provisioned")]
    [InlineData("RolledBack", "rolled-back")]
    [InlineData("DeprovisionFailed", "deprovision-failed")]
    [InlineData("KeyGracePeriod", "rotating")]
    public void StateName_StoredState_TheDocumentsName(string stored, string document) =>
        Assert.Equal(document, StatusDocument.StateName(new ProvisioningState { CurrentState = stored }));

    [Theory]
    [InlineData(RunKind.Provision, "running", true)]
    [InlineData(RunKind.Provision, "deprovisioning", false)]
    [InlineData(RunKind.Deprovision, "deprovisioning", true)]
    [InlineData(RunKind.Deprovision, "running", false)]
    public void IsIn_RunningSaga_TellsProvisioningFromDeprovisioning(RunKind runKind, string documentState, bool expected) =>
        Assert.Equal(expected, EnvironmentStates.IsIn(new ProvisioningState { CurrentState = "Running", Run = new Run { Kind = runKind } }, documentState));
}
