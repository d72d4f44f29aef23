using Provisioner.Worker.Intake.Api;
using Provisioner.Worker.StateMachine;

namespace Provisioner.Worker.Tests.Intake.Api;

public sealed class EnvironmentStatesTests
{
    [Theory]
    [InlineData("provisioned", "Provisioned")]
    [InlineData("rolled-back", "RolledBack")]
    [InlineData("compensation-failed", "CompensationFailed")]
    [InlineData("rotating", "Rotating")]
    [InlineData("running", "Running")]
    [InlineData("deprovisioning", "Running")]
    public void ToStored_DocumentState_TheStateTheStoreHolds(string document, string stored) =>
        Assert.Equal(stored, EnvironmentStates.ToStored(document));

    [Theory]
    [InlineData("provision", "running", true)]
    [InlineData("provision", "deprovisioning", false)]
    [InlineData("deprovision", "deprovisioning", true)]
    [InlineData("deprovision", "running", false)]
    public void IsIn_RunningSaga_TellsProvisioningFromDeprovisioning(string runKind, string documentState, bool expected) =>
        Assert.Equal(expected, EnvironmentStates.IsIn(new ProvisioningState { CurrentState = "Running", RunKind = runKind }, documentState));
}
