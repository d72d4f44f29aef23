namespace Provisioner.Worker.Intake.Api.Docs;

/// <summary>The problem-details answers every route that reads a body can give, declared for the OpenAPI document.</summary>
public static class ProblemResponses
{
    public static RouteHandlerBuilder ProducesRequestProblems(this RouteHandlerBuilder builder) => builder
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
